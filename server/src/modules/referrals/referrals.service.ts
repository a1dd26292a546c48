import type { CreateReferralBody } from '@rapport/shared';
import type { Db } from '../../db/client';
import { ConflictError, NotFoundError, ValidationError } from '../../errors';
import { decodeTimestampCursor, encodeTimestampCursor } from '../../lib/cursor';
import type { Member } from '../../plugins/auth';
import { loadContactsWithStats, type ContactWithStats } from '../contacts/contact-view.repo';
import { createContact } from '../contacts/create-contact';
import { createReferralsRepo, type ReferralFilter, type ReferralRow, type ReferralsRepo } from './referrals.repo';

type Actor = Pick<Member, 'id' | 'workspaceId'>;

/** A referral dated later than this is a typo or a plan, not something that happened. */
export const MAX_FUTURE_OCCURRED_MS = 24 * 60 * 60_000;
const MIN_YEAR = 1900;

export interface ReferralsDeps {
  referrals: (db: Db, workspaceId: string) => ReferralsRepo;
  now: () => Date;
}

/** The `referred` tree of a contact, with contacts as loaded views (turned into cards by the route). */
export interface ContactReferralsView {
  referredBy: ContactWithStats[];
  referred: TreeNode[];
}
export interface TreeNode {
  contact: ContactWithStats;
  children: TreeNode[];
}

function occurredAtOf(value: string | undefined, now: Date): Date {
  if (value === undefined) return now;
  const at = new Date(value);
  if (Number.isNaN(at.getTime()) || at.getUTCFullYear() < MIN_YEAR) {
    throw ValidationError.field('occurredAt', `Must be a date after ${MIN_YEAR}`);
  }
  if (at.getTime() > now.getTime() + MAX_FUTURE_OCCURRED_MS) {
    throw ValidationError.field('occurredAt', 'Cannot be more than 24 hours in the future');
  }
  return at;
}

export function createReferralsService(db: Db, overrides: Partial<ReferralsDeps> = {}) {
  const deps: ReferralsDeps = { referrals: createReferralsRepo, now: () => new Date(), ...overrides };

  return {
    /**
     * Records that `referrerId` brought a contact — an existing one (`referredId`) or one created
     * here with `source: referral` — in one transaction: a 409 (self-referral, cycle, duplicate
     * pair, duplicate email of the new person) leaves nothing behind. The referred contact's
     * `referredById` is set only when it has none yet (its first referrer).
     */
    async create(actor: Actor, body: CreateReferralBody): Promise<{ referral: ReferralRow; referred: ContactWithStats }> {
      const now = deps.now();
      const occurredAt = occurredAtOf(body.occurredAt, now);
      return db.transaction(async (tx) => {
        const repo = deps.referrals(tx, actor.workspaceId);
        await repo.lockGraph();
        const wanted = body.referredId ? [body.referrerId, body.referredId] : [body.referrerId];
        const found = await repo.existingContacts(wanted);
        if (!found.has(body.referrerId)) throw new NotFoundError('Referrer not found.');

        let referredId: string;
        if (body.referredId !== undefined) {
          referredId = body.referredId;
          if (!found.has(referredId)) throw new NotFoundError('Referred contact not found.');
          if (referredId === body.referrerId) throw new ConflictError('A contact cannot refer itself.');
          if (await repo.pairExists(body.referrerId, referredId)) {
            throw new ConflictError('This referral is already recorded.');
          }
          if (await repo.reaches(referredId, body.referrerId)) {
            throw new ConflictError('This referral would form a cycle: the referred contact already leads to the referrer.');
          }
        } else {
          referredId = await createContact(tx, actor, body.referred!, { source: 'referral', createdAt: now }).catch((err: unknown) => {
            // The new person's fields live under `referred` in this body.
            if (err instanceof ValidationError) {
              throw new ValidationError(err.message, err.errors.map((e) => ({ ...e, path: `referred.${e.path}` })));
            }
            throw err;
          });
        }

        const referral = await repo.insert({
          referrerId: body.referrerId, referredId, note: body.note ?? null, occurredAt, createdById: actor.id,
        });
        await repo.setReferredByIfUnset(referredId, body.referrerId);
        const [referred] = await loadContactsWithStats(tx, actor.workspaceId, [referredId]);
        return { referral, referred: referred! };
      });
    },

    /** Newest first; filters by ids of another workspace simply match nothing. */
    async list(actor: Actor, query: ReferralFilter & { limit: number; cursor?: string }) {
      const after = query.cursor ? decodeTimestampCursor(query.cursor) : undefined;
      const rows = await deps
        .referrals(db, actor.workspaceId)
        .list({ referrerId: query.referrerId, referredId: query.referredId }, after, query.limit + 1);
      const more = rows.length > query.limit;
      const items = rows.slice(0, query.limit);
      const last = items.at(-1);
      return { items: items.map((r) => r.row), nextCursor: more && last ? encodeTimestampCursor({ at: last.key, id: last.row.id }) : null };
    },

    /**
     * Deletes a referral; when it was where the referred contact's `referredById` came from, that
     * moves to the referrer of the earliest remaining referral (by `occurredAt`), or null.
     */
    async remove(actor: Actor, id: string): Promise<void> {
      await db.transaction(async (tx) => {
        const repo = deps.referrals(tx, actor.workspaceId);
        await repo.lockGraph();
        const row = await repo.delete(id);
        if (!row) throw new NotFoundError('Referral not found.');
        await repo.repointReferredBy(row.referredId, row.referrerId);
      });
    },

    /**
     * A contact's referral views: the chain of first referrers up to the root (nearest first) and
     * the tree of people it referred, to depth 5. Archived contacts stay in both: they are history.
     * All contacts are loaded in one query.
     */
    async contactView(actor: Actor, contactId: string): Promise<ContactReferralsView> {
      const repo = deps.referrals(db, actor.workspaceId);
      if (!(await repo.existingContacts([contactId])).has(contactId)) throw new NotFoundError('Contact not found.');
      const [chain, paths] = [await repo.referredByChain(contactId), await repo.referredTree(contactId)];
      const ids = [...new Set([...chain, ...paths.map((p) => p.path.at(-1)!)])];
      const loaded = new Map((await loadContactsWithStats(db, actor.workspaceId, ids)).map((c) => [c.row.id, c]));

      const roots: TreeNode[] = [];
      const nodes = new Map<string, TreeNode>();
      for (const { path } of paths) {
        const contact = loaded.get(path.at(-1)!);
        const siblings = path.length === 2 ? roots : nodes.get(path.slice(0, -1).join(','))?.children;
        if (!contact || !siblings) continue;
        const node: TreeNode = { contact, children: [] };
        nodes.set(path.join(','), node);
        siblings.push(node);
      }
      return { referredBy: chain.flatMap((id) => loaded.get(id) ?? []), referred: roots };
    },
  };
}
export type ReferralsService = ReturnType<typeof createReferralsService>;
