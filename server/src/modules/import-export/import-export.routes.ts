import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

const routes: FastifyPluginAsyncZod = async () => {
  // TODO: import-export routes (issue 4)
};
export default routes;
