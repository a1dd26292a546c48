import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CreateReminderBody, IdParams, ListRemindersQuery, ReminderPage, ReminderSchema, UpdateReminderBody } from '@rapport/shared';
import { ifMatchVersion, setETag } from '../../lib/http';
import { createRemindersService } from './reminders.service';
import { toReminder } from './reminders.view';

const reminderRoutes: FastifyPluginAsyncZod = async (app) => {
  const service = createRemindersService(app.db);
  const tags = ['reminders'];

  app.post('/reminders', {
    schema: { tags, summary: 'Create a reminder (assigned to you unless assigneeId)', body: CreateReminderBody, response: { 201: ReminderSchema } },
  }, async (request, reply) => {
    const row = await service.create(request.member, request.body);
    setETag(reply, row.version);
    return reply.code(201).send(toReminder(row));
  });

  app.get('/reminders', {
    schema: { tags, summary: 'Reminders, soonest due first', querystring: ListRemindersQuery, response: { 200: ReminderPage } },
  }, async (request) => {
    const page = await service.list(request.member, request.query);
    return { items: page.items.map(toReminder), nextCursor: page.nextCursor };
  });

  app.get('/reminders/:id', {
    schema: { tags, summary: 'A reminder (with ETag)', params: IdParams, response: { 200: ReminderSchema } },
  }, async (request, reply) => {
    const row = await service.get(request.member, request.params.id);
    setETag(reply, row.version);
    return toReminder(row);
  });

  app.patch('/reminders/:id', {
    schema: {
      tags, summary: 'Snooze, edit, reassign, complete (done: true) or reopen (done: false); If-Match → 412 when stale',
      params: IdParams, body: UpdateReminderBody, response: { 200: ReminderSchema },
    },
  }, async (request, reply) => {
    const row = await service.update(request.member, request.params.id, request.body, ifMatchVersion(request));
    setETag(reply, row.version);
    return toReminder(row);
  });

  app.delete('/reminders/:id', {
    schema: { tags, summary: 'Delete a reminder (204)', params: IdParams },
  }, async (request, reply) => {
    await service.remove(request.member, request.params.id, ifMatchVersion(request));
    return reply.code(204).send();
  });
};
export default reminderRoutes;
