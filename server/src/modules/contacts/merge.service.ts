import { LIMITS } from '@rapport/shared';
import type { Db } from '../../db/client';
import { ConflictError, NotFoundError, PreconditionFailedError, ValidationError } from '../../errors';
import type { Member } from '../../plugins/auth';
import { createReferralsRepo } from '../referrals/referrals.repo';
import { refreshNextReminder } from '../reminders/next-reminder.repo';
import type { ContactWithStats } from './contact-view.repo';
import { loadContact } from './contacts.service';
import { createMergeRepo, type MergeFill, type MergeRow } from './merge.repo';
import { refreshTouchDates } from './touch-dates.repo';

type Actor = Pick<Member, 'id' | 'workspaceId'>;

const isEmpty = (v: unknown) => v === null || v === undefined || v === '';

/**
 * What the primary takes from the duplicate: every field the primary leaves empty, the union of
 * tags (primary's first) and handles (primary's win on the same platform), and the duplicate's
 * source when the primary's is only the default `other`. Name and stage stay the primary's.
 */
export function mergedFields(primary: MergeRow, duplicate: MergeRow): MergeFill {
  const fill: MergeFill = {};
  for (const key of ['email', 'phone', 'company', 'title', 'ownerId', 'value', 'notes', 'keepInTouchDays'] as const) {
    if (isEmpty(primary[key]) && !isEmpty(duplicate[key])) (fill as Record<string, unknown>)[key] = duplicate[key];
  }
  if (primary.source === 'other' && duplicate.source !== 'other') {
    fill.source = duplicate.source;
    fill.sourceDetail = duplicate.sourceDetail ?? primary.sourceDetail;
  } else if (primary.source === duplicate.source && isEmpty(primary.sourceDetail) && !isEmpty(duplicate.sourceDetail)) {
    fill.sourceDetail = duplicate.sourceDetail;
  }
  const tags = [...new Set([...primary.tags, ...duplicate.tags])];
  if (tags.length !== primary.tags.length) fill.tags = tags;
  const handles = { ...duplicate.handles, ...primary.handles };
  if (Object.keys(handles).length !== Object.keys(primary.handles).length) fill.handles = handles;
  return fill;
}

/** The union of tags and handles must still fit one contact; nothing is dropped to make it fit. */
function assertWithinLimits(fill: MergeFill): void {
  const over: string[] = [];
  if (fill.tags && fill.tags.length > LIMITS.tags) over.push(`${fill.tags.length} tags (at most ${LIMITS.tags})`);
  const handles = fill.handles ? Object.keys(fill.handles).length : 0;
  if (handles > LIMITS.handles) over.push(`${handles} handles (at most ${LIMITS.handles})`);
  if (over.length) {
    throw new ConflictError(`Together the two contacts would have ${over.join(' and ')}: remove some from either contact, then merge.`);
  }
}

export function createMergeService(db: Db) {
  return {
    /**
     * Merges `duplicateId` into `primaryId` in one transaction: its touchpoints, reminders,
     * referrals (both directions) and stage history move over, the primary's empty fields are
     * filled from it, the duplicate is archived, and both contacts' derived dates are recomputed.
     * The duplicate may already be archived; the primary may not (409).
     */
    async merge(actor: Actor, primaryId: string, duplicateId: string, expectedVersion?: number): Promise<ContactWithStats> {
      if (primaryId === duplicateId) throw ValidationError.field('duplicateId', 'A contact cannot be merged with itself');
      return db.transaction(async (tx) => {
        // Same lock order as the referrals module (graph, then rows), so the two cannot deadlock.
        const referrals = createReferralsRepo(tx, actor.workspaceId);
        await referrals.lockGraph();
        const repo = createMergeRepo(tx, actor.workspaceId);
        const { primary, duplicate } = await repo.lockBoth(primaryId, duplicateId);
        if (!primary) throw new NotFoundError('Contact not found.');
        if (!duplicate) throw new NotFoundError('Duplicate contact not found.');
        if (expectedVersion !== undefined && primary.version !== expectedVersion) {
          throw new PreconditionFailedError(`The contact has changed since you read it (now version ${primary.version}).`);
        }
        // Also what the loser of two crossed merges (A into B, B into A) gets: nothing ends up in an archive.
        if (primary.archivedAt) throw new ConflictError('This contact is archived: restore it before merging into it.');

        const fill = mergedFields(primary, duplicate);
        assertWithinLimits(fill);
        // The two become one person: a chain between them through someone else would close a loop.
        if ((await referrals.reaches(primaryId, duplicateId, { indirect: true })) || (await referrals.reaches(duplicateId, primaryId, { indirect: true }))) {
          throw new ConflictError(
            'Merging would form a referral cycle: one of the two contacts referred someone who leads to the other. Delete one of those referrals first.',
          );
        }
        await repo.moveActivity(primaryId, duplicateId);
        await repo.moveReferrals(primaryId, duplicateId);
        // The email is unique per workspace: the duplicate lets go of it before the primary takes it.
        await repo.retireDuplicate(duplicateId, fill.email !== undefined);
        await repo.fillPrimary(primaryId, duplicateId, fill);
        await refreshTouchDates(tx, actor.workspaceId, [primaryId, duplicateId]);
        await refreshNextReminder(tx, actor.workspaceId, [primaryId, duplicateId]);
        return loadContact(tx, actor.workspaceId, primaryId);
      });
    },
  };
}
