import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CreateMemberBody, IdParams, MemberSchema, MeSchema, UpdateMeBody, UpdateMemberBody, UpdateWorkspaceBody,
  UserSchema, WorkspaceSchema,
} from '@rapport/shared';
import { toMe, toMember, toUser, toWorkspace } from '../auth/auth.view';
import { createMembersService } from './members.service';

const MemberList = z.object({ items: z.array(MemberSchema), nextCursor: z.null() });

/** /me, /members and /workspace (authenticated scope). */
const routes: FastifyPluginAsyncZod = async (app) => {
  const service = createMembersService(app.db);
  const owner = { preHandler: app.requireOwner };

  app.get('/me', {
    schema: { tags: ['me'], summary: 'You and your workspace', response: { 200: MeSchema } },
  }, async (request) => toMe(await service.me(request.member)));

  app.patch('/me', {
    schema: {
      tags: ['me'], summary: 'Change your name, timezone or password (password needs currentPassword)',
      body: UpdateMeBody, response: { 200: UserSchema },
    },
  }, async (request) => toUser(await service.updateMe(request.member, request.body)));

  app.get('/members', {
    schema: { tags: ['members'], summary: 'Members of the workspace, oldest first', response: { 200: MemberList } },
  }, async (request) => ({ items: (await service.list(request.member)).map(toMember), nextCursor: null }));

  app.post('/members', {
    ...owner,
    schema: { tags: ['members'], summary: 'Add a member (owner)', body: CreateMemberBody, response: { 201: MemberSchema } },
  }, async (request, reply) => reply.code(201).send(toMember(await service.create(request.member, request.body))));

  app.patch('/members/:id', {
    ...owner,
    schema: {
      tags: ['members'], summary: "Change a member's role (owner); the last owner cannot be demoted",
      params: IdParams, body: UpdateMemberBody, response: { 200: MemberSchema },
    },
  }, async (request) => toMember(await service.setRole(request.member, request.params.id, request.body.role)));

  app.delete('/members/:id', {
    ...owner,
    schema: {
      tags: ['members'], params: IdParams,
      summary: 'Remove a member (owner): their contacts and reminders go to you; the last owner cannot be removed',
    },
  }, async (request, reply) => {
    await service.remove(request.member, request.params.id);
    return reply.code(204).send();
  });

  app.patch('/workspace', {
    ...owner,
    schema: {
      tags: ['workspace'], summary: 'Workspace settings (owner); cadenceDays is merged into the current one',
      body: UpdateWorkspaceBody, response: { 200: WorkspaceSchema },
    },
  }, async (request) => toWorkspace(await service.updateWorkspace(request.member, request.body)));
};
export default routes;
