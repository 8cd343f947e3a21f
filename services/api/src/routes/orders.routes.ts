import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { lastPush, type Pool } from '@shopserve-sync/db';
import { pushOrderNow } from '@shopserve-sync/export-runs';
import type { ServiceQueues } from '@shopserve-sync/queue';
import type { Redis } from 'ioredis';
import { queueReachable, sendQueueUnavailable } from '../errors/queue-unavailable.ts';
import { commonErrorResponses, errorBodySchema } from '../schemas/error-body.schema.ts';
import { orderIdParamsSchema, orderSyncSchema, pushQueuedSchema } from '../schemas/order.schema.ts';

export interface OrdersRoutesOptions {
  pool: Pool;
  queues: ServiceQueues;
  redis: Redis;
}

async function orderExists(pool: Pool, orderId: number): Promise<boolean> {
  const { rows } = await pool.query<{ found: boolean }>('SELECT EXISTS (SELECT 1 FROM orders WHERE id = $1) AS found', [
    orderId,
  ]);
  return rows[0]?.found === true;
}

export const ordersRoutes: FastifyPluginCallbackZod<OrdersRoutesOptions> = (app, { pool, queues, redis }, done) => {
  app.post(
    '/orders/:orderId/push',
    {
      schema: {
        tags: ['orders'],
        summary: 'Push one order now (forced: sent whatever its last outcome)',
        params: orderIdParamsSchema,
        response: {
          202: pushQueuedSchema,
          404: errorBodySchema.describe('the OMS has no such order'),
          409: errorBodySchema.describe('not a ShopServe order, or its shop does not have the API option enabled'),
          ...commonErrorResponses,
        },
      },
    },
    async (request, reply) => {
      const { orderId } = request.params;
      if (!queueReachable(redis)) return sendQueueUnavailable(reply, 'the order was not pushed.');
      const result = await pushOrderNow({ pool, shippingUpdates: queues.shippingUpdates }, orderId);
      switch (result.kind) {
        case 'queued':
          return reply.code(202).send({ jobId: result.jobId });
        case 'order_not_found':
          return reply.code(404).send({ error: 'order_not_found', message: `The OMS has no order ${orderId}.` });
        case 'not_shopserve':
          return reply.code(409).send({
            error: 'not_shopserve',
            message: `Order ${orderId} is a ${result.mall} order, not a ShopServe one; only ShopServe orders are pushed.`,
          });
        case 'api_option_off':
          return reply.code(409).send({
            error: 'api_option_off',
            message: `The ShopServe API option (受注・決済API) is not enabled for shop ${result.shopId}; enable it in the shop's ShopServe settings first.`,
          });
      }
    },
  );

  app.get(
    '/orders/:orderId/sync',
    {
      schema: {
        tags: ['orders'],
        summary: "The order's last push: outcome, when, what was sent, error",
        params: orderIdParamsSchema,
        response: {
          200: orderSyncSchema,
          404: errorBodySchema.describe('the OMS has no such order, or it was never pushed (the message says which)'),
          ...commonErrorResponses,
        },
      },
    },
    async (request, reply) => {
      const { orderId } = request.params;
      const push = await lastPush(pool, orderId);
      if (push) return reply.send(push);
      if (await orderExists(pool, orderId)) {
        return reply.code(404).send({
          error: 'never_pushed',
          message: `Order ${orderId} has not been pushed yet (no push of it has ended).`,
        });
      }
      return reply.code(404).send({ error: 'order_not_found', message: `The OMS has no order ${orderId}.` });
    },
  );
  done();
};
