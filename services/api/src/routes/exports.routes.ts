import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { getRun, listRuns, settleFromOutcomes, type ExportRunView, type Pool } from '@shopserve-sync/db';
import {
  ExportRequestError,
  manualExportInputSchema,
  triggerManualExport,
  type ExportRequestErrorCode,
  type TriggerResult,
} from '@shopserve-sync/export-runs';
import type { ServiceQueues } from '@shopserve-sync/queue';
import type { Redis } from 'ioredis';
import { queueReachable, sendQueueUnavailable } from '../errors/queue-unavailable.ts';
import { unavailableDependency } from '../errors/unavailable-dependency.ts';
import { emptyBodyAsObject } from './empty-body.ts';
import { commonErrorResponses, errorBodySchema } from '../schemas/error-body.schema.ts';
import {
  dryRunSchema,
  exportRunSchema,
  listRunsQuerySchema,
  runIdParamsSchema,
  runListSchema,
  runQueuedSchema,
} from '../schemas/export-run.schema.ts';

export interface ExportsRoutesOptions {
  pool: Pool;
  queues: ServiceQueues;
  redis: Redis;
}

const STATUS_OF: Record<ExportRequestErrorCode, 404 | 409> = { shop_not_found: 404, api_option_off: 409 };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A run still waiting for outcomes is settled against the recorded outcomes before it is shown:
 * an outcome recorded while its run registered the order would otherwise never count.
 */
async function currentRun(pool: Pool, runId: string): Promise<ExportRunView | null> {
  const run = await getRun(pool, runId);
  if (run?.state !== 'running' || run.counts.pending === 0) return run;
  await settleFromOutcomes(pool, runId);
  return getRun(pool, runId);
}

export const exportsRoutes: FastifyPluginCallbackZod<ExportsRoutesOptions> = (app, { pool, queues, redis }, done) => {
  app.post(
    '/exports',
    {
      schema: {
        tags: ['exports'],
        summary: 'Trigger an export run ("update shipping info")',
        description:
          'Without shopIds: every shop with the API option. A bare date YYYY-MM-DD as updatedFrom means 00:00 JST of ' +
          'that day, as updatedTo 23:59:59.999 JST; otherwise RFC 3339 with an offset. Default window: the last 4 days up ' +
          'to now. dryRun lists what would be sent and pushes nothing. Every field is optional, and so is the body.',
        body: manualExportInputSchema,
        response: {
          200: dryRunSchema.describe('dry run: every eligible order and what would be sent'),
          202: runQueuedSchema.describe('the run is queued; follow it at GET /v1/exports/{runId}'),
          404: errorBodySchema.describe('a named shop is unknown to the OMS'),
          409: errorBodySchema.describe('a named shop does not have the ShopServe API option enabled'),
          ...commonErrorResponses,
        },
      },
      // Every field is optional, so no body at all is an empty trigger.
      preValidation: emptyBodyAsObject,
    },
    async (request, reply) => {
      if (!request.body.dryRun && !queueReachable(redis)) {
        return sendQueueUnavailable(reply, 'no run was started and nothing was pushed.');
      }
      let result: TriggerResult;
      try {
        result = await triggerManualExport({ pool, exportRuns: queues.exportRuns }, request.body);
      } catch (error) {
        if (error instanceof ExportRequestError) {
          return reply.code(STATUS_OF[error.code]).send({ error: error.code, message: error.message });
        }
        if (unavailableDependency(error, redis) === 'Redis') {
          request.log.warn({ err: error }, 'export run could not be enqueued: Redis is unreachable');
          return sendQueueUnavailable(
            reply,
            'the run could not be enqueued, is recorded as failed, and nothing was pushed.',
          );
        }
        throw error;
      }
      if (result.kind === 'dry_run') return reply.code(200).send({ count: result.count, orders: result.orders });
      return reply.code(202).send({ runId: result.runId });
    },
  );

  app.get(
    '/exports/:runId',
    {
      schema: {
        tags: ['exports'],
        summary: 'One export run: its state and counts',
        params: runIdParamsSchema,
        response: { 200: exportRunSchema, 404: errorBodySchema.describe('no such run'), ...commonErrorResponses },
      },
    },
    async (request, reply) => {
      const { runId } = request.params;
      const run = UUID.test(runId) ? await currentRun(pool, runId.toLowerCase()) : null;
      if (!run) return reply.code(404).send({ error: 'not_found', message: `There is no export run ${runId}.` });
      return reply.send(run);
    },
  );

  app.get(
    '/exports',
    {
      schema: {
        tags: ['exports'],
        summary: 'The latest export runs, latest first',
        querystring: listRunsQuerySchema,
        response: { 200: runListSchema, ...commonErrorResponses },
      },
    },
    async (request) => ({ runs: await listRuns(pool, request.query.limit) }),
  );
  done();
};
