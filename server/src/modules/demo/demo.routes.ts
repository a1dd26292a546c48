import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { DemoLoadedSchema } from '@rapport/shared';
import { createDemoService } from './demo.service';

const demoRoutes: FastifyPluginAsyncZod = async (app) => {
  const service = createDemoService(app.db);

  app.post('/demo', {
    preHandler: app.requireOwner,
    schema: {
      tags: ['demo'], response: { 201: DemoLoadedSchema },
      summary: 'Fill this empty workspace with a demo bakery (owner): ~80 contacts, six months of activity, a rep "Sam Rivera"; 409 when it has contacts',
    },
  }, async (request, reply) => {
    const { repEmail: _repEmail, ...counts } = await service.load(request.member);
    void _repEmail;
    return reply.code(201).send(counts);
  });
};
export default demoRoutes;
