import type { Touchpoint } from '@rapport/shared';
import { iso } from '../../lib/serialize';
import type { TouchpointRow } from './touchpoints.repo';

/** The API's touchpoint: an allow-list of fields. */
export function toTouchpoint(r: TouchpointRow): Touchpoint {
  return {
    id: r.id, contactId: r.contactId, channel: r.channel, platform: r.platform, direction: r.direction,
    occurredAt: iso(r.occurredAt), summary: r.summary, sentiment: r.sentiment, loggedById: r.loggedById,
    createdAt: iso(r.createdAt), version: r.version,
  };
}
