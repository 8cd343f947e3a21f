import { loadConfigOrExit } from '@shopserve-sync/config';
import { createPool } from '@shopserve-sync/db';
import { createLogger } from '@shopserve-sync/logger';
import { metricsProcessId, startMetricsPublisher } from '@shopserve-sync/metrics';
import { createQueues, upsertExportSchedule, workerConnection } from '@shopserve-sync/queue';
import { createShopServeClient } from '@shopserve-sync/shopserve-client';
import { createWorkers } from './create-workers.ts';
import { workerPoolSize } from './worker-timing.ts';

/**
 * After SIGTERM, pushes in flight get this long beyond one call's deadline to end and be
 * recorded; whatever is still running then is left to another worker (stalled-job recovery).
 */
const SHUTDOWN_GRACE_MS = 10_000;

const config = loadConfigOrExit();
const log = createLogger({ service: 'worker', level: config.LOG_LEVEL, format: config.LOG_FORMAT });

const connection = workerConnection(config.REDIS_URL, { connectionName: 'shopserve-sync-worker' });
connection.on('error', (error: unknown) => {
  // ioredis reconnects by itself; BullMQ resumes once it is back.
  log.warn({ err: error }, 'redis connection error');
});
const pool = createPool(config.DATABASE_URL, {
  max: workerPoolSize(config.WORKER_CONCURRENCY),
  applicationName: 'shopserve-sync-worker',
  onIdleError: (error) => {
    log.warn({ err: error }, 'idle postgresql connection failed');
  },
});
const client = createShopServeClient({
  baseUrl: config.SHOPSERVE_API_BASE_URL,
  timeoutMs: config.SHOPSERVE_TIMEOUT_MS,
  connections: config.WORKER_CONCURRENCY,
  log,
});
const queues = createQueues(connection, config.QUEUE_PREFIX);
for (const queue of [queues.exportRuns, queues.shippingUpdates]) {
  queue.on('error', (error: unknown) => {
    log.warn({ err: error, queue: queue.name }, 'queue error');
  });
}
const workers = createWorkers({ config, connection, pool, client, shippingUpdates: queues.shippingUpdates, log });
// Every worker upserts the one scheduler of scheduled runs: any number starting at once leave one.
await upsertExportSchedule(queues.exportRuns, config.EXPORT_EVERY_MINUTES);
// No HTTP server here: the API's /metrics reads what every worker publishes.
const stopMetrics = startMetricsPublisher({
  redis: connection,
  prefix: config.QUEUE_PREFIX,
  registry: workers.metrics.registry,
  processId: metricsProcessId(),
  onError: (error) => {
    log.warn({ err: error }, 'metrics not published');
  },
});

log.info(
  {
    pid: process.pid,
    queuePrefix: config.QUEUE_PREFIX,
    concurrency: config.WORKER_CONCURRENCY,
    requestsPerSecond: config.SHOPSERVE_REQUESTS_PER_SECOND,
    stalledIntervalMs: workers.timing.stalledIntervalMs,
    maxStalledCount: workers.timing.maxStalledCount,
    lockDurationMs: workers.timing.lockDurationMs,
    exportEveryMinutes: config.EXPORT_EVERY_MINUTES,
  },
  'worker started',
);

let stopping = false;

async function shutdown(signal: NodeJS.Signals): Promise<void> {
  if (stopping) {
    log.warn({ signal }, 'second signal: stopping at once; jobs in flight go to another worker');
    process.exit(1);
  }
  stopping = true;
  const deadlineMs = config.SHOPSERVE_TIMEOUT_MS + SHUTDOWN_GRACE_MS;
  log.info({ signal, deadlineMs }, 'worker stopping: no new jobs, letting pushes in flight finish');
  const deadline = setTimeout(() => {
    log.error({ deadlineMs }, 'worker did not stop in time; jobs in flight go to another worker');
    process.exit(1);
  }, deadlineMs);
  await workers.close();
  await stopMetrics();
  await queues.close();
  await client.close();
  await pool.end();
  await connection.quit();
  clearTimeout(deadline);
  log.info('worker stopped');
  process.exit(0);
}

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, (received) => {
    shutdown(received).catch((error: unknown) => {
      log.error({ err: error }, 'worker failed to stop cleanly');
      process.exit(1);
    });
  });
}
