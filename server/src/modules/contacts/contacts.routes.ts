import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ContactPage, ContactSchema, CreateContactBody, HardDeleteQuery, HealthSchema, IdParams, ListContactsQuery, MergeBody, MoveStageBody,
  PageQuery, TimelinePage, UpdateContactBody,
} from '@rapport/shared';
import { ValidationError } from '../../errors';
import { ifMatchVersion, setETag } from '../../lib/http';
import { createContactListService } from './contact-list.service';
import { healthOf, toCard, toContact } from './contact-view';
import type { ContactWithStats } from './contact-view.repo';
import { createContactsService } from './contacts.service';
import { createMergeService } from './merge.service';
import { createTimelineService } from './timeline.service';

const contactRoutes: FastifyPluginAsyncZod = async (app) => {
  const contacts = createContactsService(app.db);
  const lists = createContactListService(app.db);
  const merges = createMergeService(app.db);
  const timelines = createTimelineService(app.db);
  const tags = ['contacts'];

  /** A contact in a response, with its version as the ETag. */
  const withETag = (reply: Parameters<typeof setETag>[0], contact: ContactWithStats) => {
    setETag(reply, contact.row.version);
    return toContact(contact);
  };

  app.post('/contacts', {
    schema: {
      tags, summary: 'Create a contact (stage defaults to stranger, owner to you); a taken email → 409 with existingContactId',
      body: CreateContactBody, response: { 201: ContactSchema },
    },
  }, async (request, reply) => {
    const contact = await contacts.create(request.member, request.body);
    return reply.code(201).send(withETag(reply, contact));
  });

  app.get('/contacts', {
    schema: {
      tags, summary: 'Contacts: filters, search (q: partial, case-insensitive, typo-tolerant), sort name|recent|attention',
      querystring: ListContactsQuery, response: { 200: ContactPage },
    },
  }, async (request) => {
    const page = await lists.list(request.member, request.query);
    const now = new Date();
    return { items: page.items.map((c) => toContact(c, now)), nextCursor: page.nextCursor };
  });

  app.get('/contacts/:id', {
    schema: { tags, summary: 'A contact (archived ones too), with ETag', params: IdParams, response: { 200: ContactSchema } },
  }, async (request, reply) => withETag(reply, await contacts.get(request.member, request.params.id)));

  app.get('/contacts/:id/health', {
    schema: {
      tags, params: IdParams, response: { 200: HealthSchema },
      summary: 'Relationship health (0–100) with the reasons behind it',
      description:
        'Recency of the last touch against the cadence (40), touches in the last 90 days against the cadence (25), ' +
        'share of inbound touches (15), sentiment (10), referrals made (10); plus the suggested stage, if any.',
    },
  }, async (request) => {
    const contact = await contacts.get(request.member, request.params.id);
    const now = new Date();
    const { score, reasons } = healthOf(contact, now);
    return { score, reasons, suggestedStage: toCard(contact, now).suggestedStage };
  });

  app.patch('/contacts/:id', {
    schema: {
      tags, summary: 'Edit a contact (If-Match → 412 when stale); the stage moves only via POST /contacts/:id/stage',
      params: IdParams, body: UpdateContactBody, response: { 200: ContactSchema },
    },
    // A plain "unknown field" would not tell the client where stage changes go.
    preValidation: async (request) => {
      const body = request.body;
      const params = IdParams.safeParse(request.params);
      if (params.success && body && typeof body === 'object' && !Array.isArray(body) && 'stage' in body) {
        throw ValidationError.field('stage', `The stage cannot be changed here: use POST /api/v1/contacts/${params.data.id}/stage`);
      }
    },
  }, async (request, reply) => {
    const contact = await contacts.update(request.member, request.params.id, request.body, ifMatchVersion(request));
    return withETag(reply, contact);
  });

  app.delete('/contacts/:id', {
    schema: {
      tags, summary: 'Archive a contact (204); ?hard=true (owners) deletes it with its touchpoints, reminders, referrals',
      params: IdParams, querystring: HardDeleteQuery,
    },
  }, async (request, reply) => {
    const expected = ifMatchVersion(request);
    if (request.query.hard) await contacts.hardDelete(request.member, request.params.id, expected);
    else await contacts.archive(request.member, request.params.id, expected);
    return reply.code(204).send();
  });

  app.post('/contacts/:id/restore', {
    schema: { tags, summary: 'Restore an archived contact', params: IdParams, response: { 200: ContactSchema } },
  }, async (request, reply) => withETag(reply, await contacts.restore(request.member, request.params.id, ifMatchVersion(request))));

  app.post('/contacts/:id/stage', {
    schema: {
      tags, summary: 'Move a contact to any stage (records a stage change; the same stage changes nothing)',
      params: IdParams, body: MoveStageBody, response: { 200: ContactSchema },
    },
  }, async (request, reply) => {
    const contact = await contacts.moveStage(request.member, request.params.id, request.body, ifMatchVersion(request));
    return withETag(reply, contact);
  });

  app.post('/contacts/:id/merge', {
    schema: {
      tags, summary: "Merge a duplicate into this contact (its history moves here, empty fields are filled, it is archived)",
      params: IdParams, body: MergeBody, response: { 200: ContactSchema },
    },
  }, async (request, reply) => {
    const contact = await merges.merge(request.member, request.params.id, request.body.duplicateId, ifMatchVersion(request));
    return withETag(reply, contact);
  });

  app.get('/contacts/:id/timeline', {
    schema: {
      tags, summary: 'Touchpoints, stage changes, referrals and completed reminders of a contact, newest first',
      params: IdParams, querystring: PageQuery, response: { 200: TimelinePage },
    },
  }, async (request) => timelines.page(request.member, request.params.id, request.query));
};
export default contactRoutes;
