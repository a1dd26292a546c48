import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { PipelineQuery, PipelineSchema } from '@rapport/shared';
import { toCard } from '../contacts/contact-view';
import { createPipelineService } from './pipeline.service';

const pipelineRoutes: FastifyPluginAsyncZod = async (app) => {
  const service = createPipelineService(app.db);

  app.get('/pipeline', {
    schema: {
      tags: ['pipeline'],
      summary: 'The board: four stages in funnel order, cards in attention order; a column continues via GET /contacts?stage=…&sort=attention&cursor=…',
      querystring: PipelineQuery, response: { 200: PipelineSchema },
    },
  }, async (request) => {
    const columns = await service.board(request.member, request.query);
    const now = new Date();
    return {
      stages: columns.map((c) => ({ stage: c.stage, total: c.total, items: c.items.map((i) => toCard(i, now)), nextCursor: c.nextCursor })),
    };
  });
};
export default pipelineRoutes;
