import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

const routes: FastifyPluginAsyncZod = async () => {
  // TODO: reports routes (issue 4)
};
export default routes;
