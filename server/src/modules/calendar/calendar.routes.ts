import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

const routes: FastifyPluginAsyncZod = async () => {
  // TODO(foundation): calendar routes
};
export default routes;
