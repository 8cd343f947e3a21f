import { loadConfigOrExit } from '@shopserve-sync/config';
import { createPool } from '@shopserve-sync/db';
import { createLogger } from '@shopserve-sync/logger';
import { createQueues, producerConnection, upsertExportSchedule } from '@shopserve-sync/queue';
import { BOARD_PATH, buildApi, DOCS_PATH } from './build-api.ts';

/** After SIGTERM, requests in flight get this long to finish before the process exits anyway. */
const SHUTDOWN_DEADLINE_MS = 10_000;

const config = loadConfigOrExit({ require: ['API_TOKEN', 'BOARD_USERNAME', 'BOARD_PASSWORD'] });
const log = createLogger({ service: 'api', level: config.LOG_LEVEL, format: config.LOG_FORMAT });

const redis = producerConnection(config.REDIS_URL, { connectionName: 'shopserve-sync-api' });
// ioredis reconnects by itself; meanwhile /readyz answers 503 and producers fail fast. Said once
// per outage, not once per reconnection attempt.
let redisDown = false;
redis.on('error', (error: unknown) => {
  if (redisDown) return;
  redisDown = true;
  log.warn({ err: error }, 'redis unreachable; reconnecting');
});
redis.on('ready', () => {
  if (!redisDown) return;
  redisDown = false;
  log.info('redis reachable again');
});
const pool = createPool(config.DATABASE_URL, {
  max: 10,
  applicationName: 'shopserve-sync-api',
  onIdleError: (error) => {
    log.warn({ err: error }, 'idle postgresql connection failed');
  },
});
const queues = createQueues(redis, config.QUEUE_PREFIX);
for (const queue of [queues.exportRuns, queues.shippingUpdates]) {
  // The queues share the connection above, whose errors are logged there.
  queue.on('error', (error: unknown) => {
    log.debug({ err: error, queue: queue.name }, 'queue error');
  });
}

const app = await buildApi({ config, pool, queues, redis, log });

// Every process that may run alone upserts the one scheduler (idempotent); a Redis that is not up
// yet must not keep the API from serving.
upsertExportSchedule(queues.exportRuns, config.EXPORT_EVERY_MINUTES).then(
  () => {
    log.info({ everyMinutes: config.EXPORT_EVERY_MINUTES }, 'export schedule upserted');
  },
  (error: unknown) => {
    log.warn({ err: error }, 'export schedule not upserted (Redis unreachable?); a worker or the next start does it');
  },
);

const address = await app.listen({ host: config.API_HOST, port: config.API_PORT });
log.info({ url: address, docs: `${address}${DOCS_PATH}`, board: `${address}${BOARD_PATH}` }, 'api listening');

let stopping = false;

async function shutdown(signal: NodeJS.Signals): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info(
    { signal, deadlineMs: SHUTDOWN_DEADLINE_MS },
    'api stopping: no new requests, letting those in flight finish',
  );
  const deadline = setTimeout(() => {
    log.error({ deadlineMs: SHUTDOWN_DEADLINE_MS }, 'api did not stop in time');
    process.exit(1);
  }, SHUTDOWN_DEADLINE_MS);
  deadline.unref();
  await app.close();
  await queues.close();
  await pool.end();
  redis.disconnect();
  clearTimeout(deadline);
  log.info('api stopped');
  process.exit(0);
}

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, (received) => {
    shutdown(received).catch((error: unknown) => {
      log.error({ err: error }, 'api failed to stop cleanly');
      process.exit(1);
    });
  });
}
