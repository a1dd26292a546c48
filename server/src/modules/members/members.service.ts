import type { CreateMemberBody, UpdateMeBody, UpdateWorkspaceBody } from '@rapport/shared';
import type { Role } from '@rapport/shared/domain/enums';
import type { Db } from '../../db/client';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../errors';
import { hashPassword, verifyPassword } from '../../lib/passwords';
import type { Member } from '../../plugins/auth';
import type { UserRow, WorkspaceRow } from '../auth/auth.repo';
import { refreshTouchDates } from '../contacts/touch-dates.repo';
import { createMembersRepo } from './members.repo';

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } };
  return e.code === '23505' || e.cause?.code === '23505';
}

/**
 * Me, members and workspace settings. `actor` is the authenticated member; owner-only
 * operations are guarded by the routes (requireOwner) and re-checked under lock where a
 * concurrent change could otherwise slip through (the last-owner rule).
 */
export function createMembersService(db: Db) {
  return {
    async me(actor: Member): Promise<{ user: UserRow; workspace: WorkspaceRow }> {
      const found = await createMembersRepo(db, actor.workspaceId).findWithWorkspace(actor.id);
      if (!found) throw new NotFoundError('Member not found.');
      return found;
    },

    async updateMe(actor: Member, body: UpdateMeBody): Promise<UserRow> {
      const repo = createMembersRepo(db, actor.workspaceId);
      const patch: { name?: string; timezone?: string; passwordHash?: string } = {};
      if (body.name !== undefined) patch.name = body.name;
      if (body.timezone !== undefined) patch.timezone = body.timezone;
      if (body.password !== undefined) {
        const user = await repo.findById(actor.id);
        if (!user) throw new NotFoundError('Member not found.');
        if (!(await verifyPassword(user.passwordHash, body.currentPassword ?? ''))) {
          throw ValidationError.field('currentPassword', 'The current password is wrong');
        }
        patch.passwordHash = await hashPassword(body.password);
      }
      const updated = await repo.update(actor.id, patch);
      if (!updated) throw new NotFoundError('Member not found.');
      return updated;
    },

    async list(actor: Member): Promise<UserRow[]> {
      return createMembersRepo(db, actor.workspaceId).list();
    },

    async create(actor: Member, body: CreateMemberBody): Promise<UserRow> {
      const repo = createMembersRepo(db, actor.workspaceId);
      const conflict = () => new ConflictError('An account with this email already exists.');
      if (await repo.emailTaken(body.email)) throw conflict();
      const passwordHash = await hashPassword(body.password);
      try {
        return await repo.insert({
          email: body.email, name: body.name, passwordHash, role: body.role, timezone: body.timezone ?? 'UTC',
        });
      } catch (err) {
        // Two requests racing for one email: the unique index decides.
        if (isUniqueViolation(err)) throw conflict();
        throw err;
      }
    },

    async setRole(actor: Member, id: string, role: Role): Promise<UserRow> {
      return db.transaction(async (tx) => {
        const repo = createMembersRepo(tx, actor.workspaceId);
        const owners = await repo.lockOwners();
        if (!owners.includes(actor.id)) throw new ForbiddenError('Only workspace owners can do this.');
        const target = await repo.findById(id);
        if (!target) throw new NotFoundError('Member not found.');
        if (target.role === 'owner' && role !== 'owner' && owners.length === 1) {
          throw new ConflictError('The last owner cannot be demoted; make another member owner first.');
        }
        if (target.role === role) return target;
        return (await repo.update(id, { role }))!;
      });
    },

    /**
     * Removes a member: their contacts and reminders (open and done) go to the owner removing
     * them — or, when owners remove themselves, to the oldest remaining owner — then the user
     * is deleted, all in one transaction. Their token stops working (auth reloads the member).
     */
    async remove(actor: Member, id: string): Promise<void> {
      await db.transaction(async (tx) => {
        const repo = createMembersRepo(tx, actor.workspaceId);
        const owners = await repo.lockOwners();
        if (!owners.includes(actor.id)) throw new ForbiddenError('Only workspace owners can do this.');
        const target = await repo.findById(id);
        if (!target) throw new NotFoundError('Member not found.');
        const heir = id === actor.id ? owners.find((o) => o !== id) : actor.id;
        if (!heir) throw new ConflictError('The last owner cannot be removed; make another member owner first.');
        await repo.reassignWork(id, heir);
        await repo.delete(id);
      });
    },

    /** A cadence change recomputes every contact's `nextTouchAt` in the same transaction. */
    async updateWorkspace(actor: Member, body: UpdateWorkspaceBody): Promise<WorkspaceRow> {
      return db.transaction(async (tx) => {
        const workspace = await createMembersRepo(tx, actor.workspaceId).updateWorkspace(body);
        if (!workspace) throw new NotFoundError('Workspace not found.');
        if (body.cadenceDays && Object.keys(body.cadenceDays).length > 0) {
          await refreshTouchDates(tx, actor.workspaceId);
        }
        return workspace;
      });
    },
  };
}
export type MembersService = ReturnType<typeof createMembersService>;
