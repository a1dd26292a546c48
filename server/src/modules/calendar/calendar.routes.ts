import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CalendarTokenSchema } from '@rapport/shared';
import { createCalendarService } from './calendar.service';

/**
 * Registered in the public `/api/v1` scope: the feed is fetched by calendar apps that carry no
 * session, only the secret in its URL; issuing a token needs a signed-in member.
 */
const calendarRoutes: FastifyPluginAsyncZod = async (app) => {
  const service = createCalendarService(app.db);
  const tags = ['follow-ups'];

  /** Where the API is reachable from outside: PUBLIC_URL when set, else the request's origin. */
  const baseUrl = (request: FastifyRequest) =>
    (app.config.PUBLIC_URL ?? `${request.protocol}://${request.host}`).replace(/\/+$/, '');

  app.post('/me/calendar-token', {
    onRequest: app.authenticate,
    schema: {
      tags, summary: 'Issue a new secret calendar feed URL (the previous one stops working)',
      response: { 201: CalendarTokenSchema },
    },
  }, async (request, reply) => {
    const token = await service.issueToken(request.member);
    return reply.code(201).send({ url: `${baseUrl(request)}/api/v1/calendar/${token}.ics` });
  });

  app.get('/calendar/:token.ics', {
    schema: {
      tags, summary: 'Your follow-ups as an iCalendar (RFC 5545) feed; the secret in the URL is the credential',
      security: [],
      // Any malformed token is a 404 like an unknown one (params failures become 404).
      params: z.object({ token: z.string().max(100) }),
    },
  }, async (request, reply) => {
    const ics = await service.feed(request.params.token, baseUrl(request));
    return reply
      .type('text/calendar; charset=utf-8')
      .header('Cache-Control', 'private, max-age=300')
      .header('Content-Disposition', 'inline; filename="rapport-follow-ups.ics"')
      .send(ics);
  });
};
export default calendarRoutes;
