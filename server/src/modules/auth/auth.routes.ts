import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import rateLimit from '@fastify/rate-limit';
import { LoginBody, SessionSchema, SignupBody } from '@rapport/shared';
import { createAuthRepo } from './auth.repo';
import { createAuthService } from './auth.service';
import { toUser, toWorkspace } from './auth.view';

/** Public routes under /api/v1/auth, rate limited per IP (AUTH_RATE_LIMIT_PER_MIN). */
const authRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(rateLimit, { max: app.config.AUTH_RATE_LIMIT_PER_MIN, timeWindow: '1 minute' });
  const service = createAuthService(createAuthRepo(app.db));

  app.post('/signup', {
    schema: { tags: ['auth'], summary: 'Create a workspace with you as its owner', body: SignupBody, response: { 201: SessionSchema } },
  }, async (request, reply) => {
    const { user, workspace } = await service.signup(request.body);
    const token = await app.issueSession(reply, user.id);
    return reply.code(201).send({ token, user: toUser(user), workspace: toWorkspace(workspace) });
  });

  app.post('/login', {
    schema: { tags: ['auth'], summary: 'Sign in; also sets the session cookie', body: LoginBody, response: { 200: SessionSchema } },
  }, async (request, reply) => {
    const { user, workspace } = await service.login(request.body);
    const token = await app.issueSession(reply, user.id);
    return { token, user: toUser(user), workspace: toWorkspace(workspace) };
  });

  app.post('/logout', {
    schema: { tags: ['auth'], summary: 'Clear the session cookie (204)' },
  }, async (_request, reply) => {
    app.clearSession(reply);
    return reply.code(204).send();
  });
};
export default authRoutes;
