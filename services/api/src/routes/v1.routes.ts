import type { FastifyPluginAsync } from 'fastify';
import type { Pool } from '@shopserve-sync/db';
import type { ServiceQueues } from '@shopserve-sync/queue';
import type { Redis } from 'ioredis';
import { bearerAuth } from '../auth/bearer-auth.ts';
import { exportsRoutes } from './exports.routes.ts';
import { ordersRoutes } from './orders.routes.ts';
import { shopSettingsRoutes } from './shop-settings.routes.ts';

export interface V1RoutesOptions {
  apiToken: string;
  pool: Pool;
  queues: ServiceQueues;
  redis: Redis;
}

/** Every `/v1` route, each behind the bearer token. Register with `prefix: '/v1'`. */
export const v1Routes: FastifyPluginAsync<V1RoutesOptions> = async (app, { apiToken, pool, queues, redis }) => {
  app.addHook('onRequest', bearerAuth(apiToken));
  app.addHook('onRoute', (route) => {
    route.schema = { ...route.schema, security: [{ bearerAuth: [] }] };
  });
  await app.register(exportsRoutes, { pool, queues, redis });
  await app.register(ordersRoutes, { pool, queues, redis });
  await app.register(shopSettingsRoutes, { pool });
};
