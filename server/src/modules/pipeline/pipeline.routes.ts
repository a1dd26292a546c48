import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

const routes: FastifyPluginAsyncZod = async () => {
  // TODO(foundation): pipeline routes
};
export default routes;
