/**
 * The shared response schemas the client checks answers against — loaded only in development
 * (see client.ts): in production the server has already validated every response with these same
 * schemas before sending it (fastify-type-provider-zod's serializer), so the browser does not
 * ship zod just to check it again. The board route stays far under its JS budget that way.
 */
import { CalendarTokenSchema, MeSchema, MemberSchema, SessionSchema, UserSchema, WorkspaceSchema } from '@rapport/shared/schemas/auth';
import { pageOf } from '@rapport/shared/schemas/common';
import { ContactPage, ContactSchema, HealthSchema, PipelineSchema, TimelinePage } from '@rapport/shared/schemas/contacts';
import {
  ContactReferralsSchema, CreatedReferralSchema, CreatedTouchpointSchema, FollowUpList, ReferralPage, ReminderPage, ReminderSchema,
} from '@rapport/shared/schemas/activity';
import { DemoLoadedSchema } from '@rapport/shared/schemas/demo';
import { ActivityReportSchema, FunnelReportSchema, ReferralsReportSchema, SourcesReportSchema } from '@rapport/shared/schemas/reports';
import { ImportReportSchema } from '@rapport/shared/schemas/import-export';

export const schemas = {
  Session: SessionSchema,
  Me: MeSchema,
  User: UserSchema,
  Workspace: WorkspaceSchema,
  Member: MemberSchema,
  MemberList: pageOf(MemberSchema),
  CalendarToken: CalendarTokenSchema,
  DemoLoaded: DemoLoadedSchema,
  Contact: ContactSchema,
  ContactPage,
  Pipeline: PipelineSchema,
  TimelinePage,
  ContactReferrals: ContactReferralsSchema,
  CreatedReferral: CreatedReferralSchema,
  ReferralPage,
  CreatedTouchpoint: CreatedTouchpointSchema,
  Reminder: ReminderSchema,
  ReminderPage,
  FollowUpList,
  ReferralsReport: ReferralsReportSchema,
  FunnelReport: FunnelReportSchema,
  SourcesReport: SourcesReportSchema,
  ActivityReport: ActivityReportSchema,
  Health: HealthSchema,
  ImportReport: ImportReportSchema,
};

export type Schemas = typeof schemas;
export type SchemaName = keyof Schemas;
