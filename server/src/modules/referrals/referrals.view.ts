import type { Referral } from '@rapport/shared';
import { iso } from '../../lib/serialize';
import type { ReferralRow } from './referrals.repo';

export function toReferral(r: ReferralRow): Referral {
  return {
    id: r.id, referrerId: r.referrerId, referredId: r.referredId, note: r.note, occurredAt: iso(r.occurredAt),
    createdById: r.createdById,
  };
}
