import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../db/client';
import { NotFoundError } from '../../errors';
import type { Member } from '../../plugins/auth';
import { createFollowUpsService, type FollowUpsService } from '../follow-ups/follow-ups.service';
import { buildFeed } from './calendar.ics';
import { createCalendarRepo, type CalendarRepo } from './calendar.repo';

/** How far ahead the feed reaches; overdue items are included too (each part capped). */
export const FEED_DAYS_AHEAD = 90;
export const FEED_MAX_EVENTS_PER_PART = 1000;

/** 32 random bytes, base64url: 43 characters. */
export const CALENDAR_TOKEN = /^[A-Za-z0-9_-]{43}$/;

const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

export function createCalendarService(
  db: Db,
  deps: { repo?: CalendarRepo; followUps?: FollowUpsService; now?: () => Date } = {},
) {
  const repo = deps.repo ?? createCalendarRepo(db);
  const followUps = deps.followUps ?? createFollowUpsService(db);
  const clock = deps.now ?? (() => new Date());

  return {
    /**
     * A new secret feed token for the member. Only its sha256 is stored, so the token is shown
     * once; issuing a new one revokes the previous.
     */
    async issueToken(member: Pick<Member, 'id'>): Promise<string> {
      const token = randomBytes(32).toString('base64url');
      if (!(await repo.setTokenHash(member.id, hashToken(token)))) throw new NotFoundError('Member not found.');
      return token;
    },

    /**
     * The feed of whoever holds `token` (404 when it is unknown or revoked): open reminders
     * assigned to them and keep-in-touch dates of contacts they own, overdue ones and the next
     * 90 days, never on archived contacts.
     */
    async feed(token: string, baseUrl: string): Promise<string> {
      const owner = CALENDAR_TOKEN.test(token) ? await repo.findMemberByTokenHash(hashToken(token)) : undefined;
      if (!owner) throw new NotFoundError('No calendar feed here.');
      const now = clock();
      const horizon = new Date(now.getTime() + FEED_DAYS_AHEAD * 86_400_000);
      const overdue = await followUps.due(owner.workspaceId, owner.id, { from: null, to: now, limit: FEED_MAX_EVENTS_PER_PART });
      const upcoming = await followUps.due(owner.workspaceId, owner.id, { from: now, to: horizon, limit: FEED_MAX_EVENTS_PER_PART });
      return buildFeed(owner, [...overdue, ...upcoming], baseUrl, now);
    },
  };
}
export type CalendarService = ReturnType<typeof createCalendarService>;
