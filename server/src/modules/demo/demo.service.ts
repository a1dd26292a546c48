import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client';
import { ConflictError, NotFoundError } from '../../errors';
import { hashPassword } from '../../lib/passwords';
import type { Member } from '../../plugins/auth';
import { refreshTouchDates } from '../contacts/touch-dates.repo';
import { refreshNextReminder } from '../reminders/next-reminder.repo';
import { buildDemoPlan } from './demo-plan';
import { createDemoRepo } from './demo.repo';

/** The demo rep every demo workspace gets, and the password of the demo logins. */
export const DEMO_REP_NAME = 'Sam Rivera';
export const DEMO_PASSWORD = 'demo password 1';

export interface DemoCounts {
  contacts: number;
  touchpoints: number;
  referrals: number;
  reminders: number;
}

/**
 * The rep's default email, derived from the workspace id since user emails are unique across
 * Rapport (the CLI asks for a fixed one and falls back to this when it is taken elsewhere).
 */
function repEmailFor(workspaceId: string): string {
  return `sam.rivera.${workspaceId.slice(0, 8)}@demo.rapport.local`;
}

export function createDemoService(db: Db, now: () => Date = () => new Date()) {
  return {
    /**
     * Fills an empty workspace with the demo business (see demo-plan.ts) in one transaction,
     * adding the rep "Sam Rivera" (password DEMO_PASSWORD) unless the workspace already has them.
     * 409 when the workspace already has contacts: the demo never mixes with real data.
     */
    async load(owner: Pick<Member, 'id' | 'workspaceId'>, opts: { repEmail?: string } = {}): Promise<DemoCounts & { repEmail: string }> {
      const passwordHash = await hashPassword(DEMO_PASSWORD);
      return db.transaction(async (tx) => {
        const repo = createDemoRepo(tx, owner.workspaceId);
        if (!(await repo.lockWorkspace())) throw new NotFoundError('Workspace not found.');
        if ((await repo.countContacts()) > 0) {
          throw new ConflictError('This workspace already has contacts; demo data only goes into an empty workspace.');
        }
        const timeZone = (await repo.findMemberTimezone(owner.id)) ?? 'UTC';

        let repEmail = opts.repEmail ?? repEmailFor(owner.workspaceId);
        let existing = await repo.findUserByEmail(repEmail);
        if (existing && existing.workspaceId !== owner.workspaceId) {
          repEmail = repEmailFor(owner.workspaceId);
          existing = await repo.findUserByEmail(repEmail);
        }
        const repId =
          existing?.workspaceId === owner.workspaceId
            ? existing.id
            : await repo.insertRep({ email: repEmail, name: DEMO_REP_NAME, passwordHash, timezone: timeZone });

        const plan = buildDemoPlan({ now: now(), ownerId: owner.id, repId, timeZone, newId: randomUUID });
        await repo.insertPlan(plan);
        await refreshTouchDates(tx, owner.workspaceId);
        await refreshNextReminder(tx, owner.workspaceId, plan.contacts.map((c) => c.id));
        return {
          contacts: plan.contacts.length, touchpoints: plan.touchpoints.length, referrals: plan.referrals.length,
          reminders: plan.reminders.length, repEmail,
        };
      });
    },
  };
}
export type DemoService = ReturnType<typeof createDemoService>;
