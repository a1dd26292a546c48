import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  CreatedTouchpointSchema, CreateTouchpointBody, IdParams, ListTouchpointsQuery, PageQuery, TouchpointPage,
  TouchpointSchema, UpdateTouchpointBody,
} from '@rapport/shared';
import { ifMatchVersion, setETag } from '../../lib/http';
import { toReminder } from '../reminders/reminders.view';
import { createTouchpointsService } from './touchpoints.service';
import { toTouchpoint } from './touchpoints.view';

const touchpointRoutes: FastifyPluginAsyncZod = async (app) => {
  const service = createTouchpointsService(app.db);
  const tags = ['touchpoints'];

  app.post('/contacts/:id/touchpoints', {
    schema: {
      tags, summary: 'Log a touchpoint; with followUpAt also creates a reminder (same transaction)',
      params: IdParams, body: CreateTouchpointBody, response: { 201: CreatedTouchpointSchema },
    },
  }, async (request, reply) => {
    const { touchpoint, reminder } = await service.create(request.member, request.params.id, request.body);
    setETag(reply, touchpoint.version);
    return reply.code(201).send({ touchpoint: toTouchpoint(touchpoint), reminder: reminder ? toReminder(reminder) : null });
  });

  app.get('/contacts/:id/touchpoints', {
    schema: { tags, summary: "A contact's touchpoints, newest first", params: IdParams, querystring: PageQuery, response: { 200: TouchpointPage } },
  }, async (request) => {
    const page = await service.listForContact(request.member, request.params.id, request.query);
    return { items: page.items.map(toTouchpoint), nextCursor: page.nextCursor };
  });

  app.get('/touchpoints', {
    schema: {
      tags, summary: 'Touchpoints of the workspace, newest first (from inclusive, to exclusive)',
      querystring: ListTouchpointsQuery, response: { 200: TouchpointPage },
    },
  }, async (request) => {
    const page = await service.list(request.member, request.query);
    return { items: page.items.map(toTouchpoint), nextCursor: page.nextCursor };
  });

  app.get('/touchpoints/:id', {
    schema: { tags, summary: 'A touchpoint (with ETag)', params: IdParams, response: { 200: TouchpointSchema } },
  }, async (request, reply) => {
    const row = await service.get(request.member, request.params.id);
    setETag(reply, row.version);
    return toTouchpoint(row);
  });

  app.patch('/touchpoints/:id', {
    schema: {
      tags, summary: 'Edit a touchpoint (If-Match → 412 when stale); recomputes the contact’s touch dates',
      params: IdParams, body: UpdateTouchpointBody, response: { 200: TouchpointSchema },
    },
  }, async (request, reply) => {
    const row = await service.update(request.member, request.params.id, request.body, ifMatchVersion(request));
    setETag(reply, row.version);
    return toTouchpoint(row);
  });

  app.delete('/touchpoints/:id', {
    schema: { tags, summary: 'Delete a touchpoint (204); recomputes the contact’s touch dates', params: IdParams },
  }, async (request, reply) => {
    await service.remove(request.member, request.params.id, ifMatchVersion(request));
    return reply.code(204).send();
  });
};
export default touchpointRoutes;
