import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ContactReferralsSchema, CreatedReferralSchema, CreateReferralBody, IdParams, ListReferralsQuery, ReferralPage,
  type ReferralTreeNode,
} from '@rapport/shared';
import { toCard, toContact } from '../contacts/contact-view';
import { createReferralsService, type TreeNode } from './referrals.service';
import { toReferral } from './referrals.view';

const referralRoutes: FastifyPluginAsyncZod = async (app) => {
  const service = createReferralsService(app.db);
  const tags = ['referrals'];

  app.post('/referrals', {
    schema: {
      tags, body: CreateReferralBody, response: { 201: CreatedReferralSchema },
      summary: 'Record a referral of an existing contact (referredId) or of a new one (referred); 409 on self, cycle or duplicate',
    },
  }, async (request, reply) => {
    const { referral, referred } = await service.create(request.member, request.body);
    return reply.code(201).send({ referral: toReferral(referral), referred: toContact(referred) });
  });

  app.get('/referrals', {
    schema: { tags, summary: 'Referrals, newest first', querystring: ListReferralsQuery, response: { 200: ReferralPage } },
  }, async (request) => {
    const page = await service.list(request.member, request.query);
    return { items: page.items.map(toReferral), nextCursor: page.nextCursor };
  });

  app.delete('/referrals/:id', {
    schema: {
      tags, params: IdParams,
      summary: "Delete a referral (204); the referred contact's referredById moves to its next earliest referrer",
    },
  }, async (request, reply) => {
    await service.remove(request.member, request.params.id);
    return reply.code(204).send();
  });

  app.get('/contacts/:id/referrals', {
    schema: {
      tags, params: IdParams, response: { 200: ContactReferralsSchema },
      summary: 'Who referred this contact (chain to the root, nearest first) and whom it referred (tree, depth 5)',
    },
  }, async (request) => {
    const view = await service.contactView(request.member, request.params.id);
    const now = new Date();
    const toNode = (n: TreeNode): ReferralTreeNode => ({ contact: toCard(n.contact, now), children: n.children.map(toNode) });
    return { referredBy: view.referredBy.map((c) => toCard(c, now)), referred: view.referred.map(toNode) };
  });
};
export default referralRoutes;
