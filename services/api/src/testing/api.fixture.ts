import type { Redis } from 'ioredis';
import { createLogger } from '@shopserve-sync/logger';
import { saveShopSettings, type Pool } from '@shopserve-sync/db';
import { createQueues, producerConnection, type ServiceQueues } from '@shopserve-sync/queue';
import {
  isolatedDatabase,
  isolatedQueues,
  type IsolatedDatabase,
  type IsolatedQueues,
} from '../../../../test/support/isolated.ts';
import type { ApiOptions } from '../api-deps.ts';
import { buildApi, type Api } from '../build-api.ts';

export const TEST_TOKEN = 'test-token-0123456789abcdef';
export const BOARD = { username: 'board-user', password: 'board-pass-4567' } as const;

export interface TestApi extends AsyncDisposable {
  url: string;
  app: Api;
  db: IsolatedDatabase;
  queues: IsolatedQueues;
  serviceQueues: ServiceQueues;
  redis: Redis;
  /** `fetch` against the API; JSON bodies are sent as given (strings raw), the token unless `token: null`. */
  call(method: string, path: string, options?: CallOptions): Promise<CallResult>;
}

export interface CallOptions {
  /** An object is sent as JSON; a string is sent as is (with `contentType`, default application/json). */
  body?: unknown;
  contentType?: string | null;
  /** The bearer token; null sends none. Default the right one. */
  token?: string | null;
  headers?: Record<string, string>;
}

export interface CallResult {
  status: number;
  headers: Headers;
  text: string;
  /** The body parsed as JSON; undefined when it is not JSON. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read back JSON whose shape their assertions check
  json: any;
}

/** Options for {@link startTestApi}: another Redis (a test that stops its own), API options. */
export interface StartTestApiOptions {
  redisUrl?: string;
  /** Another pool for the API (e.g. one to a server that is down); the test's database is still made. */
  pool?: Pool;
  api?: ApiOptions;
}

/** The API on a free port over this test's own database and queue prefix; everything goes on dispose. */
export async function startTestApi(options: StartTestApiOptions = {}): Promise<TestApi> {
  const db = await isolatedDatabase();
  const queues = isolatedQueues();
  const redis = producerConnection(options.redisUrl ?? queues.redisUrl, { connectionName: 'shopserve-sync-api-test' });
  redis.on('error', () => undefined); // a test may stop its Redis on purpose
  const serviceQueues = createQueues(redis, queues.prefix);
  for (const queue of [serviceQueues.exportRuns, serviceQueues.shippingUpdates]) queue.on('error', () => undefined);
  const app = await buildApi({
    config: {
      QUEUE_PREFIX: queues.prefix,
      API_TOKEN: TEST_TOKEN,
      BOARD_USERNAME: BOARD.username,
      BOARD_PASSWORD: BOARD.password,
    },
    pool: options.pool ?? db.pool,
    queues: serviceQueues,
    redis,
    log: createLogger({ service: 'api-test', level: 'silent' }),
    ...(options.api ? { options: options.api } : {}),
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });

  async function call(method: string, path: string, callOptions: CallOptions = {}): Promise<CallResult> {
    const headers: Record<string, string> = { ...callOptions.headers };
    const token = callOptions.token === undefined ? TEST_TOKEN : callOptions.token;
    if (token !== null) headers.authorization = `Bearer ${token}`;
    let body: string | undefined;
    if (callOptions.body !== undefined) {
      body = typeof callOptions.body === 'string' ? callOptions.body : JSON.stringify(callOptions.body);
      const contentType = callOptions.contentType === undefined ? 'application/json' : callOptions.contentType;
      if (contentType !== null) headers['content-type'] = contentType;
    }
    const response = await fetch(`${url}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, text, json };
  }

  return {
    url,
    app,
    db,
    queues,
    serviceQueues,
    redis,
    call,
    async [Symbol.asyncDispose]() {
      await app.close();
      await serviceQueues.close().catch(() => undefined);
      redis.disconnect();
      await queues[Symbol.asyncDispose]();
      await db[Symbol.asyncDispose]();
    },
  };
}

export interface OmsOrder {
  orderNumber: string;
  mall?: string;
  status?: string;
  carrier?: string | null;
  trackingNumber?: string | null;
  shippedOn?: string | null;
}

/** A shop in the OMS, with ShopServe settings unless `settings: null`. */
export async function seedShop(
  pool: Pool,
  shopId: string,
  settings: { orderApiEnabled: boolean; autoExport?: boolean; shopserveShopId?: string; authKey?: string } | null,
): Promise<void> {
  await pool.query('INSERT INTO shops (id, name) VALUES ($1, $2) ON CONFLICT DO NOTHING', [shopId, `テスト ${shopId}`]);
  if (settings === null) return;
  await saveShopSettings(pool, shopId, {
    shopserveShopId: settings.shopserveShopId ?? `ss-${shopId}`,
    authKey: settings.authKey ?? `key-${shopId}`,
    orderApiEnabled: settings.orderApiEnabled,
    autoExport: settings.autoExport ?? false,
  });
}

/** Orders updated an hour ago and ordered yesterday: eligible under the default window. Returns their ids. */
export async function seedOrders(pool: Pool, shopId: string, orders: readonly OmsOrder[]): Promise<number[]> {
  const ids: number[] = [];
  for (const order of orders) {
    const { rows } = await pool.query<{ id: number }>(
      `INSERT INTO orders (shop_id, mall, order_number, status, ordered_at, updated_at, carrier, tracking_number, shipped_on)
       VALUES ($1, $2, $3, $4, now() - interval '1 day', now() - interval '1 hour', $5, $6, $7) RETURNING id`,
      [
        shopId,
        order.mall ?? 'shopserve',
        order.orderNumber,
        order.status ?? 'shipped',
        order.carrier === undefined ? 'ヤマト運輸' : order.carrier,
        order.trackingNumber === undefined ? '1234-5678-9012' : order.trackingNumber,
        order.shippedOn === undefined ? null : order.shippedOn,
      ],
    );
    const id = rows[0]?.id;
    if (id === undefined) throw new Error('order not inserted');
    ids.push(id);
  }
  return ids;
}

/** Jobs of both queues in every state, to show that a refused request enqueued nothing. */
export async function queueFootprint(queues: ServiceQueues): Promise<Record<string, Record<string, number>>> {
  const states = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'completed', 'failed'] as const;
  return {
    exportRuns: await queues.exportRuns.getJobCounts(...states),
    shippingUpdates: await queues.shippingUpdates.getJobCounts(...states),
  };
}

/** Rows of the service's tables that a request could change, to show that a refused one changed nothing. */
export async function stateFootprint(pool: Pool): Promise<Record<string, unknown>> {
  const { rows: runs } = await pool.query('SELECT count(*)::int AS n FROM shopserve_sync.export_runs');
  const { rows: settings } = await pool.query(
    'SELECT shop_id, shopserve_shop_id, auth_key, order_api_enabled, auto_export, revision FROM shopserve_sync.shop_settings ORDER BY shop_id',
  );
  return { runs: runs[0], settings };
}
