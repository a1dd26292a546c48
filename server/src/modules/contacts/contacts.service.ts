import type { CreateContactBody, MoveStageBody, UpdateContactBody } from '@rapport/shared';
import type { Db } from '../../db/client';
import { ConflictError, ForbiddenError, NotFoundError, PreconditionFailedError, ValidationError } from '../../errors';
import type { Member } from '../../plugins/auth';
import { createReferralsRepo } from '../referrals/referrals.repo';
import { loadContactsWithStats, type ContactWithStats } from './contact-view.repo';
import { createContactsRepo, type ContactPatch, type ContactsRepo, type LockedContact } from './contacts.repo';
import { createContact } from './create-contact';
import { refreshTouchDates } from './touch-dates.repo';

type Actor = Pick<Member, 'id' | 'workspaceId'>;

export interface ContactsDeps {
  contacts: (db: Db, workspaceId: string) => ContactsRepo;
  now: () => Date;
}

export async function loadContact(db: Db, workspaceId: string, id: string): Promise<ContactWithStats> {
  const [contact] = await loadContactsWithStats(db, workspaceId, [id]);
  if (!contact) throw new NotFoundError('Contact not found.');
  return contact;
}

/** 404 when missing, 412 when `If-Match` named another version; the row stays locked. */
async function lockChecked(
  repo: ContactsRepo,
  id: string,
  expectedVersion: number | undefined,
  mode?: 'update' | 'no key update',
): Promise<LockedContact> {
  const row = await repo.lock(id, mode);
  if (!row) throw new NotFoundError('Contact not found.');
  if (expectedVersion !== undefined && row.version !== expectedVersion) {
    throw new PreconditionFailedError(`The contact has changed since you read it (now version ${row.version}).`);
  }
  return row;
}

export function createContactsService(db: Db, overrides: Partial<ContactsDeps> = {}) {
  const deps: ContactsDeps = { contacts: createContactsRepo, now: () => new Date(), ...overrides };

  return {
    async create(actor: Actor, body: CreateContactBody): Promise<ContactWithStats> {
      return db.transaction(async (tx) => {
        const id = await createContact(tx, actor, body);
        return loadContact(tx, actor.workspaceId, id);
      });
    },

    /** Archived contacts too (with `archivedAt`). */
    get: (actor: Actor, id: string) => loadContact(db, actor.workspaceId, id),

    /**
     * Edits a contact (never its stage: that is POST /contacts/:id/stage). Atomic under the row
     * lock: a stale `If-Match` → 412, an email another contact has → 409 naming it, and nothing
     * changes. A new keep-in-touch cadence moves `nextTouchAt`.
     */
    async update(actor: Actor, id: string, body: UpdateContactBody, expectedVersion?: number): Promise<ContactWithStats> {
      return db.transaction(async (tx) => {
        const repo = deps.contacts(tx, actor.workspaceId);
        const current = await lockChecked(repo, id, expectedVersion);
        const patch: ContactPatch = {};
        for (const [key, value] of Object.entries(body) as [keyof ContactPatch, unknown][]) {
          if (value !== undefined) (patch as Record<string, unknown>)[key] = value;
        }
        if (Object.keys(patch).length === 0) return loadContact(tx, actor.workspaceId, id);

        if (patch.ownerId && !(await repo.isMember(patch.ownerId))) {
          throw ValidationError.field('ownerId', 'Not a member of this workspace');
        }
        if (patch.email && patch.email.toLowerCase() !== current.email?.toLowerCase()) {
          const existing = await repo.findIdByEmail(patch.email, id);
          if (existing) throw new ConflictError('A contact with this email already exists.', { existingContactId: existing });
        }
        await repo.update(id, patch);
        if ('keepInTouchDays' in patch) await refreshTouchDates(tx, actor.workspaceId, [id]);
        return loadContact(tx, actor.workspaceId, id);
      });
    },

    /**
     * Moves a contact to any stage and records the stage change; the same stage is a no-op
     * (nothing written, version unchanged). The new stage's cadence moves `nextTouchAt`.
     */
    async moveStage(actor: Actor, id: string, body: MoveStageBody, expectedVersion?: number): Promise<ContactWithStats> {
      return db.transaction(async (tx) => {
        const repo = deps.contacts(tx, actor.workspaceId);
        const current = await lockChecked(repo, id, expectedVersion);
        if (current.stage !== body.stage) {
          const at = deps.now();
          await repo.setStage(id, body.stage, at);
          await repo.recordStageChange({ contactId: id, from: current.stage, to: body.stage, byId: actor.id, note: body.note ?? null, at });
          await refreshTouchDates(tx, actor.workspaceId, [id]);
        }
        return loadContact(tx, actor.workspaceId, id);
      });
    },

    /** Archives (soft delete); archiving an archived contact changes nothing. */
    async archive(actor: Actor, id: string, expectedVersion?: number): Promise<void> {
      await db.transaction(async (tx) => {
        const repo = deps.contacts(tx, actor.workspaceId);
        const current = await lockChecked(repo, id, expectedVersion);
        if (!current.archivedAt) await repo.setArchived(id, true);
      });
    },

    async restore(actor: Actor, id: string, expectedVersion?: number): Promise<ContactWithStats> {
      return db.transaction(async (tx) => {
        const repo = deps.contacts(tx, actor.workspaceId);
        const current = await lockChecked(repo, id, expectedVersion);
        if (current.archivedAt) await repo.setArchived(id, false);
        return loadContact(tx, actor.workspaceId, id);
      });
    },

    /**
     * Deletes for good (owners only), with its touchpoints, reminders, referrals and stage
     * history. Holds the referral-graph lock so no referral to it can be added meanwhile.
     */
    async hardDelete(actor: Pick<Member, 'id' | 'workspaceId' | 'role'>, id: string, expectedVersion?: number): Promise<void> {
      if (actor.role !== 'owner') throw new ForbiddenError('Only workspace owners can delete contacts for good; archive it instead.');
      await db.transaction(async (tx) => {
        await createReferralsRepo(tx, actor.workspaceId).lockGraph();
        const repo = deps.contacts(tx, actor.workspaceId);
        await lockChecked(repo, id, expectedVersion, 'update');
        await repo.hardDelete(id);
      });
    },
  };
}
export type ContactsService = ReturnType<typeof createContactsService>;
