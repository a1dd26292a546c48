import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { FollowUpList, FollowUpsQuery } from '@rapport/shared';
import { createFollowUpsService } from './follow-ups.service';

const followUpRoutes: FastifyPluginAsyncZod = async (app) => {
  const service = createFollowUpsService(app.db);

  app.get('/follow-ups', {
    schema: {
      tags: ['follow-ups'],
      summary: 'Open reminders and due keep-in-touch contacts in a window of your time zone, soonest first',
      description:
        'overdue = due before the start of today; today = during today; week = from the start of today to the end of ' +
        'the 7th day after today. assigneeId: me (default), any, or a member id; keep-in-touch items belong to the ' +
        "contact's owner. Archived contacts never appear. One page of at most `limit` (default and max 200) items: nextCursor is always null.",
      querystring: FollowUpsQuery,
      response: { 200: FollowUpList },
    },
  }, async (request) => ({ items: await service.list(request.member, request.query), nextCursor: null }));
};
export default followUpRoutes;
