import type { Channel, Direction, Sentiment, Source, Stage } from '@rapport/shared/domain/enums';

/** The rows a demo workspace is made of, as the repo inserts them (the workspace id is added there). */
export interface DemoContact {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  company: string | null;
  title: string | null;
  handles: Record<string, string>;
  tags: string[];
  stage: Stage;
  ownerId: string;
  source: Source;
  sourceDetail: string | null;
  referredById: string | null;
  value: number | null;
  notes: string | null;
  keepInTouchDays: number | null;
  createdAt: Date;
  updatedAt: Date;
  stageChangedAt: Date;
}
export interface DemoStageChange {
  contactId: string;
  fromStage: Stage | null;
  toStage: Stage;
  byId: string;
  note: string | null;
  at: Date;
}
export interface DemoTouchpoint {
  contactId: string;
  channel: Channel;
  platform: string | null;
  direction: Direction;
  occurredAt: Date;
  summary: string;
  sentiment: Sentiment | null;
  loggedById: string;
  createdAt: Date;
  updatedAt: Date;
}
export interface DemoReferral {
  referrerId: string;
  referredId: string;
  note: string | null;
  occurredAt: Date;
  createdById: string;
  createdAt: Date;
}
export interface DemoReminder {
  contactId: string;
  assigneeId: string;
  dueAt: Date;
  note: string;
  doneAt: Date | null;
  createdById: string;
  createdAt: Date;
  updatedAt: Date;
}
export interface DemoPlan {
  contacts: DemoContact[];
  stageChanges: DemoStageChange[];
  touchpoints: DemoTouchpoint[];
  referrals: DemoReferral[];
  reminders: DemoReminder[];
}
