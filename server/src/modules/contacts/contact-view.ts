import type { Card, Contact } from '@rapport/shared';
import { healthScore, suggestedStage } from '@rapport/shared/domain/health';
import { iso } from '../../lib/serialize';
import type { ContactWithStats } from './contact-view.repo';

export function healthOf(c: ContactWithStats, now = new Date()) {
  return healthScore({
    now,
    createdAt: c.row.createdAt,
    lastTouchAt: c.row.lastTouchAt,
    cadenceDays: c.cadenceDays,
    touches90d: c.touches90d,
    inbound90d: c.inbound90d,
    positive90d: c.positive90d,
    negative90d: c.negative90d,
    referralsMade: c.referralsMade,
  });
}

/** The API's contact: an allow-list of fields, never the internal sort/search columns. */
export function toContact(c: ContactWithStats, now = new Date()): Contact {
  const r = c.row;
  return {
    id: r.id, name: r.name, email: r.email, phone: r.phone, company: r.company, title: r.title,
    handles: r.handles, tags: r.tags, stage: r.stage, ownerId: r.ownerId, source: r.source,
    sourceDetail: r.sourceDetail, referredById: r.referredById, value: r.value, notes: r.notes,
    keepInTouchDays: r.keepInTouchDays, lastTouchAt: iso(r.lastTouchAt), nextTouchAt: iso(r.nextTouchAt),
    health: healthOf(c, now).score, archivedAt: iso(r.archivedAt), createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt), stageChangedAt: iso(r.stageChangedAt), version: r.version,
  };
}

export function toCard(c: ContactWithStats, now = new Date()): Card {
  const r = c.row;
  const dueTimes = [r.nextTouchAt, r.nextReminderAt].filter((d): d is Date => d !== null);
  return {
    id: r.id, name: r.name, company: r.company, stage: r.stage, ownerId: r.ownerId, tags: r.tags, value: r.value,
    lastTouchAt: iso(r.lastTouchAt), nextTouchAt: iso(r.nextTouchAt), nextReminderAt: iso(r.nextReminderAt),
    overdue: dueTimes.some((d) => d.getTime() < now.getTime()),
    health: healthOf(c, now).score,
    suggestedStage: suggestedStage({ stage: r.stage, referralsMade: c.referralsMade, inboundConversations: c.inboundConversations }),
  };
}
