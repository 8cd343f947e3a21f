import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import type { ApiMetrics } from '../metrics/api-metrics.ts';

export const metricsRoutes: FastifyPluginCallbackZod<{ metrics: ApiMetrics }> = (app, { metrics }, done) => {
  app.get(
    '/metrics',
    {
      config: { rateLimit: false },
      schema: {
        tags: ['operations'],
        summary: 'Prometheus metrics of the API and every worker',
        description:
          'Text exposition format: queue depths by state, export runs by trigger and state, run durations, push ' +
          'outcomes by outcome and reason, and the workers\u2019 own counters.',
      },
    },
    async (_request, reply) => {
      const { contentType, body } = await metrics.render();
      return reply.type(contentType).send(body);
    },
  );
  done();
};
