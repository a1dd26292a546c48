import type { LoginBody, SignupBody } from '@rapport/shared';
import { ConflictError, TooManyRequestsError, UnauthorizedError } from '../../errors';
import { hashPassword, verifyAgainstDummy, verifyPassword } from '../../lib/passwords';
import type { AuthRepo, UserRow, WorkspaceRow } from './auth.repo';

/** Failed logins per email: 10 per 15 minutes (API.md, rate limits). */
export const LOGIN_FAILURE_LIMIT = 10;
export const LOGIN_FAILURE_WINDOW_MS = 15 * 60_000;

export function createAuthService(repo: AuthRepo, now: () => Date = () => new Date()) {
  return {
    async signup(body: SignupBody): Promise<{ user: UserRow; workspace: WorkspaceRow }> {
      if (await repo.findUserByEmail(body.email)) {
        throw new ConflictError('An account with this email already exists.');
      }
      const passwordHash = await hashPassword(body.password);
      try {
        return await repo.createWorkspaceWithOwner({
          workspaceName: body.workspaceName, email: body.email, name: body.name, passwordHash,
          timezone: body.timezone ?? 'UTC',
        });
      } catch (err) {
        // Two signups racing for one email: the unique index decides.
        if ((err as { cause?: { code?: string } }).cause?.code === '23505' || (err as { code?: string }).code === '23505') {
          throw new ConflictError('An account with this email already exists.');
        }
        throw err;
      }
    },

    async login(body: LoginBody): Promise<{ user: UserRow; workspace: WorkspaceRow }> {
      const email = body.email.toLowerCase();
      const windowStart = new Date(now().getTime() - LOGIN_FAILURE_WINDOW_MS);
      const failures = await repo.countRecentFailures(email, windowStart);
      if (failures.count >= LOGIN_FAILURE_LIMIT) {
        const retryAt = (failures.oldest?.getTime() ?? now().getTime()) + LOGIN_FAILURE_WINDOW_MS;
        const retryAfter = Math.max(1, Math.ceil((retryAt - now().getTime()) / 1000));
        throw new TooManyRequestsError('Too many failed sign-in attempts for this email; try again later.', retryAfter);
      }
      const user = await repo.findUserByEmail(email);
      const ok = user ? await verifyPassword(user.passwordHash, body.password) : await verifyAgainstDummy(body.password);
      if (!user || !ok) {
        await repo.recordFailure(email);
        throw new UnauthorizedError('Email or password is wrong.');
      }
      await repo.clearFailures(email);
      await repo.pruneFailures(windowStart);
      const found = await repo.findUserWithWorkspace(user.id);
      if (!found) throw new UnauthorizedError('Email or password is wrong.');
      return found;
    },
  };
}
