import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { FastifyPluginAsync } from 'fastify';
import type { ServiceQueues } from '@shopserve-sync/queue';
import type { Redis } from 'ioredis';
import { basicAuth, type BasicCredentials } from '../auth/basic-auth.ts';
import { queueReachable } from '../errors/queue-unavailable.ts';
import { exportRunJobName, shippingUpdateJobName } from './job-display-names.ts';

export interface BullBoardOptions {
  queues: ServiceQueues;
  /** The queues' connection: while it is down the board's API answers 503 at once instead of waiting. */
  redis: Redis;
  credentials: BasicCredentials;
  /** Where the board is mounted, e.g. `/admin/queues`: the board's links need it. */
  basePath: string;
}

/** Bull Board for both queues, behind HTTP Basic. Register it with `prefix` = `basePath`. */
export const bullBoardPlugin: FastifyPluginAsync<BullBoardOptions> = async (
  app,
  { queues, redis, credentials, basePath },
) => {
  const exportRuns = new BullMQAdapter(queues.exportRuns, {
    displayName: 'Export runs',
    description:
      'One job per export run, scheduled (every EXPORT_EVERY_MINUTES, shops with automatic export) or manual: finds the eligible orders and enqueues one shipping update per order.',
  });
  exportRuns.setFormatter('name', exportRunJobName);
  const shippingUpdates = new BullMQAdapter(queues.shippingUpdates, {
    displayName: 'Shipping updates',
    description:
      'One job per order, pushing its shipping info to ShopServe. "Tracking number missing" is the expected end of an order without a tracking number (ShopServe cannot take a carrier without one): completed, not an error. Failed jobs are permanent refusals or exhausted retries.',
  });
  shippingUpdates.setFormatter('name', shippingUpdateJobName);

  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(basePath);
  createBullBoard({
    queues: [exportRuns, shippingUpdates],
    serverAdapter,
    options: { uiConfig: { boardTitle: 'shopserve-sync' } },
  });

  app.addHook('onRequest', basicAuth(credentials, 'shopserve-sync Bull Board'));
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith(`${basePath}/api/`) || queueReachable(redis)) return undefined;
    return reply
      .code(503)
      .send({ error: 'service_unavailable', message: 'Redis is unreachable: the queues cannot be shown.' });
  });
  await app.register(serverAdapter.registerPlugin());
};
