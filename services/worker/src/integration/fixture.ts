import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Writable } from 'node:stream';
import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { vi } from 'vitest';
import { saveShopSettings, type Pool } from '@shopserve-sync/db';
import { createLogger, type Logger } from '@shopserve-sync/logger';
import {
  addShippingUpdates,
  contentHashOf,
  createQueues,
  shippingUpdateJob,
  workerConnection,
  type ShippingUpdateJobData,
} from '@shopserve-sync/queue';
import { buildShippingUpdate, createShopServeClient, type ShippingSource } from '@shopserve-sync/shopserve-client';
import { createWorkers, type ServiceWorkers, type WorkerDeps } from '../create-workers.ts';
import type { WorkerTiming } from '../worker-timing.ts';

/** Log lines written to memory, raw, to read back (and to search for secrets). */
export interface CapturedLog {
  log: Logger;
  text(): string;
  lines(): Record<string, unknown>[];
}

export function captureLog(level = 'debug'): CapturedLog {
  const raw: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      raw.push(chunk.toString());
      done();
    },
  });
  return {
    log: createLogger({ service: 'worker-test', level, destination }),
    text: () => raw.join(''),
    lines: () =>
      raw
        .join('')
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

export interface TestShop {
  shopId: string;
  shopserveShopId: string;
  authKey: string;
  orderApiEnabled?: boolean;
}

export async function seedShop(pool: Pool, shop: TestShop): Promise<number> {
  await pool.query('INSERT INTO shops (id, name) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
    shop.shopId,
    `テスト ${shop.shopId}`,
  ]);
  const saved = await saveShopSettings(pool, shop.shopId, {
    shopserveShopId: shop.shopserveShopId,
    authKey: shop.authKey,
    orderApiEnabled: shop.orderApiEnabled ?? true,
    autoExport: false,
  });
  return saved.revision;
}

export interface TestOrder extends ShippingSource {
  orderNumber: string;
}

export const SHIPPED: ShippingSource = {
  carrier: 'ヤマト運輸',
  tracking_number: '1234-5678-9012',
  shipped_on: '2026-11-27',
};

/** Orders in the OMS table, and one push job each, built as the export run builds them. */
export async function seedOrders(
  pool: Pool,
  shopId: string,
  orders: readonly TestOrder[],
): Promise<ShippingUpdateJobData[]> {
  const jobs: ShippingUpdateJobData[] = [];
  for (const order of orders) {
    const { rows } = await pool.query<{ id: number }>(
      `INSERT INTO orders (shop_id, mall, order_number, status, ordered_at, updated_at, carrier, tracking_number, shipped_on)
       VALUES ($1, 'shopserve', $2, 'shipped', now() - interval '1 day', now(), $3, $4, $5) RETURNING id`,
      [shopId, order.orderNumber, order.carrier, order.tracking_number, order.shipped_on],
    );
    const orderId = rows[0]?.id;
    if (orderId === undefined) throw new Error('order not inserted');
    const plan = buildShippingUpdate(order);
    jobs.push({
      shopId,
      orderId,
      orderNumber: order.orderNumber,
      generation: 0,
      contentHash: contentHashOf(shopId, plan),
      plan,
    });
  }
  return jobs;
}

export function orderNumbers(first: number, count: number): string[] {
  return Array.from({ length: count }, (_, index) => String(first + index));
}

export interface OutcomeRow {
  job_id: string;
  order_number: string;
  shop_id: string;
  outcome: string;
  reason: string | null;
  error: string | null;
  attempts: number;
}

export async function outcomes(pool: Pool): Promise<OutcomeRow[]> {
  const { rows } = await pool.query<OutcomeRow>(
    'SELECT job_id, order_number, shop_id, outcome, reason, error, attempts FROM shopserve_sync.push_outcomes ORDER BY order_number',
  );
  return rows;
}

/** Waits until `count` pushes have their outcome recorded. */
export async function waitForOutcomes(pool: Pool, count: number, timeoutMs = 30_000): Promise<OutcomeRow[]> {
  await vi.waitFor(
    async () => {
      const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM shopserve_sync.push_outcomes');
      if ((rows[0]?.n ?? 0) < count) throw new Error(`${rows[0]?.n ?? 0} of ${count} outcomes`);
    },
    { timeout: timeoutMs, interval: 100 },
  );
  return outcomes(pool);
}

/** Short retries for tests: the registry's options with a fast backoff. */
export const FAST_RETRIES: JobsOptions = { attempts: 3, backoff: { type: 'fixed', delay: 100 } };

export interface InProcessWorkers extends AsyncDisposable {
  workers: ServiceWorkers;
  queue: Queue<ShippingUpdateJobData>;
  connection: Redis;
  enqueue(jobs: readonly ShippingUpdateJobData[]): Promise<string[]>;
}

export interface InProcessOptions {
  redisUrl: string;
  prefix: string;
  pool: Pool;
  shopServeUrl: string;
  log: Logger;
  config?: Partial<WorkerDeps['config']>;
  timing?: Partial<WorkerTiming>;
  /** Job options over the registry's (attempts, backoff), as a producer would set them. */
  jobOptions?: JobsOptions;
}

/** `createWorkers` in this process against the test's own Redis prefix, database and sandbox. */
export function startWorkers(options: InProcessOptions): InProcessWorkers {
  const connection = workerConnection(options.redisUrl);
  const config = {
    QUEUE_PREFIX: options.prefix,
    WORKER_CONCURRENCY: 20,
    SHOPSERVE_REQUESTS_PER_SECOND: 50,
    SHOPSERVE_TIMEOUT_MS: 1_000,
    ...options.config,
  };
  const client = createShopServeClient({
    baseUrl: options.shopServeUrl,
    timeoutMs: config.SHOPSERVE_TIMEOUT_MS,
    log: options.log,
  });
  const queues = createQueues(connection, options.prefix);
  const queue = new Queue<ShippingUpdateJobData>(shippingUpdateJob.queue, {
    connection,
    prefix: options.prefix,
    defaultJobOptions: { ...shippingUpdateJob.options, ...options.jobOptions },
  });
  for (const emitter of [connection, queue, queues.exportRuns, queues.shippingUpdates]) {
    emitter.on('error', (error: unknown) => {
      options.log.warn({ err: error }, 'redis error');
    });
  }
  const workers = createWorkers({
    config,
    connection,
    pool: options.pool,
    client,
    shippingUpdates: queues.shippingUpdates,
    log: options.log,
    ...(options.timing ? { timing: options.timing } : {}),
  });
  return {
    workers,
    queue,
    connection,
    enqueue: (jobs) => addShippingUpdates(queue, jobs),
    async [Symbol.asyncDispose]() {
      await workers.close();
      await client.close();
      await queue.close();
      await queues.close();
      await connection.quit();
    },
  };
}

/** Everything stored under `prefix`, as text, to search for what must not be there. */
export async function dumpRedis(redis: Redis, prefix: string): Promise<string> {
  const parts: string[] = [];
  for await (const keys of redis.scanStream({ match: `${prefix}:*`, count: 500 }) as AsyncIterable<string[]>) {
    for (const key of keys) {
      const type = await redis.type(key);
      parts.push(key);
      switch (type) {
        case 'string':
          parts.push((await redis.get(key)) ?? '');
          break;
        case 'hash':
          parts.push(JSON.stringify(await redis.hgetall(key)));
          break;
        case 'list':
          parts.push(...(await redis.lrange(key, 0, -1)));
          break;
        case 'set':
          parts.push(...(await redis.smembers(key)));
          break;
        case 'zset':
          parts.push(...(await redis.zrange(key, '0', '-1')));
          break;
        case 'stream':
          parts.push(JSON.stringify(await redis.xrange(key, '-', '+')));
          break;
        default:
          parts.push(`(${type})`);
      }
    }
  }
  return parts.join('\n');
}

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

export interface ServiceProcess extends AsyncDisposable {
  child: ChildProcess;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves once it logged `readyMessage`. */
  started: Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** One of the service's programs as its own process, with `env` over ours; killed on dispose. */
export function spawnService(script: string, env: Record<string, string>, readyMessage: string): ServiceProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: REPO_ROOT,
    env: { ...process.env, LOG_FORMAT: 'json', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const chunks: string[] = [];
  let onStarted: () => void = () => undefined;
  const started = new Promise<void>((resolve) => {
    onStarted = resolve;
  });
  const collect = (chunk: Buffer) => {
    chunks.push(chunk.toString());
    if (chunks.join('').includes(`"msg":"${readyMessage}"`)) onStarted();
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = once(child, 'exit').then(([code, signal]) => ({
    code: code as number | null,
    signal: signal as NodeJS.Signals | null,
  }));
  return {
    child,
    output: () => chunks.join(''),
    started: Promise.race([
      started,
      exited.then(({ code }) => {
        throw new Error(`${script} exited (${code}) before it started:\n${chunks.join('')}`);
      }),
    ]),
    exited,
    async [Symbol.asyncDispose]() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}

/** `services/worker/src/main.ts` as its own process: what `pnpm start:worker` runs. */
export function spawnWorker(env: Record<string, string>): ServiceProcess {
  return spawnService('services/worker/src/main.ts', env, 'worker started');
}

export interface SandboxProcess extends ServiceProcess {
  url: string;
  stats(): Promise<{ perShopMaxPerSecond: Record<string, number>; total: number }>;
  requests(shopId: string): Promise<{ at: string; status: number | null }[]>;
}

/** The sandbox in a process of its own, so that its clock is not stalled by the test's own work. */
export async function spawnSandbox(env: Record<string, string> = {}): Promise<SandboxProcess> {
  const port = await freePort();
  const service = spawnService(
    'services/shopserve-sandbox/src/main.ts',
    { LOG_LEVEL: 'info', ...env, SANDBOX_PORT: String(port) },
    'shopserve sandbox listening',
  );
  const url = `http://127.0.0.1:${port}`;
  const get = async (path: string): Promise<unknown> => {
    const response = await fetch(`${url}${path}`);
    if (!response.ok) throw new Error(`GET ${path}: ${response.status}`);
    return response.json();
  };
  return {
    ...service,
    url,
    stats: async () => (await get('/_sandbox/stats')) as { perShopMaxPerSecond: Record<string, number>; total: number },
    requests: async (shopId) =>
      (
        (await get(`/_sandbox/requests?shopId=${encodeURIComponent(shopId)}`)) as {
          requests: { at: string; status: number | null }[];
        }
      ).requests,
  };
}

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (address === null || typeof address === 'string') throw new Error('no free port');
  return address.port;
}
