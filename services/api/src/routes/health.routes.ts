import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Pool } from '@shopserve-sync/db';
import type { Redis } from 'ioredis';
import { checkReadiness, type CheckResult } from '../health/readiness.ts';

export interface HealthRoutesOptions {
  pool: Pool;
  redis: Redis;
  timeoutMs: number;
}

const checkSchema = z.union([z.object({ ok: z.literal(true) }), z.object({ ok: z.literal(false), error: z.string() })]);

const readinessSchema = z.object({
  status: z.enum(['ready', 'unavailable']),
  message: z.string(),
  checks: z.object({ redis: checkSchema, postgresql: checkSchema }),
});

function unreachable(checks: Record<'redis' | 'postgresql', CheckResult>): string[] {
  const names = { redis: 'Redis', postgresql: 'PostgreSQL' } as const;
  return (['redis', 'postgresql'] as const).filter((name) => !checks[name].ok).map((name) => names[name]);
}

export const healthRoutes: FastifyPluginCallbackZod<HealthRoutesOptions> = (app, { pool, redis, timeoutMs }, done) => {
  app.get(
    '/healthz',
    {
      config: { rateLimit: false },
      schema: {
        tags: ['operations'],
        summary: 'Liveness: the process answers',
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
    },
    () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      config: { rateLimit: false },
      schema: {
        tags: ['operations'],
        summary: 'Readiness: Redis and PostgreSQL answer',
        response: {
          200: readinessSchema.describe('both answer'),
          503: readinessSchema.describe('one or both do not answer; the message names which'),
        },
      },
    },
    async (_request, reply) => {
      const { ready, checks } = await checkReadiness({ redis, pool }, timeoutMs);
      if (ready) return reply.send({ status: 'ready', message: 'Redis and PostgreSQL answer.', checks });
      const down = unreachable(checks);
      return reply
        .code(503)
        .send({ status: 'unavailable', message: `Not ready: ${down.join(' and ')} unreachable.`, checks });
    },
  );
  done();
};
