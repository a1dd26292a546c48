import fp from 'fastify-plugin';
import fastifyJwt from '@fastify/jwt';
import fastifyCookie from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '@rapport/shared/domain/enums';
import type { Config } from '../config';
import { ForbiddenError, UnauthorizedError } from '../errors';
import { createAuthRepo } from '../modules/auth/auth.repo';

export const SESSION_COOKIE = 'rapport_session';
const ISSUER = 'rapport';

/** The authenticated member, loaded fresh on every request (a removed member's token is dead). */
export interface Member {
  id: string;
  workspaceId: string;
  role: Role;
  timezone: string;
  email: string;
  name: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    member: Member;
  }
  interface FastifyInstance {
    /** onRequest hook: 401 unless a valid Bearer token or session cookie names an existing member. */
    authenticate(request: FastifyRequest, reply: FastifyReply): Promise<void>;
    /** preHandler: 403 unless the member is an owner. */
    requireOwner(request: FastifyRequest, reply: FastifyReply): Promise<void>;
    issueSession(reply: FastifyReply, userId: string): Promise<string>;
    clearSession(reply: FastifyReply): void;
  }
}

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: { sub: string };
    user: { sub: string };
  }
}

function ttlSeconds(ttl: string): number {
  const n = Number(ttl.slice(0, -1));
  const unit = ttl.slice(-1);
  return n * (unit === 'd' ? 86_400 : unit === 'h' ? 3_600 : unit === 'm' ? 60 : 1);
}

function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header) {
    const [scheme, token] = header.split(' ');
    return scheme?.toLowerCase() === 'bearer' && token ? token : '';
  }
  return request.cookies[SESSION_COOKIE];
}

export default fp<{ config: Config }>(
  async (app, { config }) => {
    const maxAge = ttlSeconds(config.JWT_TTL);
    await app.register(fastifyCookie);
    await app.register(fastifyJwt, {
      secret: config.JWT_SECRET,
      sign: { algorithm: 'HS256', iss: ISSUER, expiresIn: maxAge },
      verify: { algorithms: ['HS256'], allowedIss: ISSUER, requiredClaims: ['sub', 'exp', 'iss'] },
    });
    app.decorateRequest('member', null as unknown as Member);

    app.decorate('authenticate', async (request: FastifyRequest) => {
      const token = bearerToken(request);
      if (!token) throw new UnauthorizedError('Sign in first: send a Bearer token or the session cookie.');
      let sub: string;
      try {
        sub = app.jwt.verify<{ sub: string }>(token).sub;
      } catch {
        throw new UnauthorizedError('The token is invalid or has expired.');
      }
      const member = await createAuthRepo(app.db).findMemberById(sub);
      if (!member) throw new UnauthorizedError('The token is invalid or has expired.');
      request.member = member;
    });

    app.decorate('requireOwner', async (request: FastifyRequest) => {
      if (request.member.role !== 'owner') throw new ForbiddenError('Only workspace owners can do this.');
    });

    app.decorate('issueSession', async (reply: FastifyReply, userId: string) => {
      const token = await reply.jwtSign({ sub: userId });
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: config.NODE_ENV === 'production',
        maxAge,
      });
      return token;
    });

    app.decorate('clearSession', (reply: FastifyReply) => {
      reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: config.NODE_ENV === 'production' });
    });
  },
  { name: 'auth', dependencies: ['db'] },
);
