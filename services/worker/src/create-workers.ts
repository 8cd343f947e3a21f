import { UnrecoverableError, Worker, type Job, type Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { ServiceConfig } from '@shopserve-sync/config';
import { getShopCredentials, type Pool } from '@shopserve-sync/db';
import { processExportRunJob } from '@shopserve-sync/export-runs';
import { workLogger, type Logger } from '@shopserve-sync/logger';
import {
  exportRunJob,
  shippingUpdateJob,
  shippingUpdateJobDataSchema,
  type ExportRunJobData,
  type ShippingUpdateJobData,
} from '@shopserve-sync/queue';
import type { ShopServeClient } from '@shopserve-sync/shopserve-client';
import { exhaustedMessage } from './failure-message.ts';
import { PushFailedError, PushRetryError } from './push-errors.ts';
import { processShippingUpdate, type PushReturnValue } from './push-shipping.processor.ts';
import { batchedOutcomeWriter, type OutcomeWriter } from './outcome-writer.ts';
import { batchedRunCompletion } from './run-completion.ts';
import { createShopPacing, pacingLimits } from './shop-pacing.ts';
import { createShopSettingsCache } from './shop-settings.cache.ts';
import { createWorkerMetrics, type WorkerMetrics } from './worker-metrics.ts';
import { workerTiming, type WorkerTiming } from './worker-timing.ts';

export interface WorkerDeps {
  config: Pick<
    ServiceConfig,
    'QUEUE_PREFIX' | 'WORKER_CONCURRENCY' | 'SHOPSERVE_REQUESTS_PER_SECOND' | 'SHOPSERVE_TIMEOUT_MS'
  >;
  /** A worker connection (`workerConnection`): commands wait for Redis to come back. */
  connection: Redis;
  pool: Pool;
  client: ShopServeClient;
  /** Where export runs enqueue their pushes. */
  shippingUpdates: Queue<ShippingUpdateJobData>;
  log: Logger;
  /** For tests only: shorter clocks. Production takes the defaults of {@link workerTiming}. */
  timing?: Partial<WorkerTiming>;
}

export interface ServiceWorkers {
  shippingUpdates: Worker<ShippingUpdateJobData, PushReturnValue>;
  exportRuns: Worker<ExportRunJobData, unknown>;
  /** The workers' metrics, for the API's `/metrics`. */
  metrics: WorkerMetrics;
  timing: WorkerTiming;
  /**
   * Stops taking jobs and waits for those in flight (each push ends by its call's deadline).
   * Has no deadline of its own: `main.ts` races it against one.
   */
  close(): Promise<void>;
}

/** BullMQ's own reason for a job that kept stalling (its worker died with it each time). */
const STALLED_TOO_OFTEN = 'job stalled more than allowable limit';

/**
 * The service's two workers on one connection: `shipping-updates` (one push per order, with
 * `WORKER_CONCURRENCY` in flight) and `export-runs` (scans a run and enqueues its pushes).
 */
export function createWorkers(deps: WorkerDeps): ServiceWorkers {
  const { config, connection, log } = deps;
  const timing = workerTiming(config.SHOPSERVE_TIMEOUT_MS, deps.timing);
  const metrics = createWorkerMetrics();
  const pacing = createShopPacing(
    connection,
    config.QUEUE_PREFIX,
    pacingLimits(config.SHOPSERVE_REQUESTS_PER_SECOND, timing.jitterAllowanceMs),
  );
  const settings = createShopSettingsCache((shopId) => getShopCredentials(deps.pool, shopId), timing.settingsTtlMs);
  const runCompletion = batchedRunCompletion(deps.pool, log);
  const outcomes = batchedOutcomeWriter(deps.pool, runCompletion.complete);
  const pushDeps = {
    pool: deps.pool,
    outcomes,
    client: deps.client,
    settings,
    pacing,
    metrics,
    freeWaitingForMs: timing.freeWaitingForMs,
  };
  const shared = {
    connection,
    prefix: config.QUEUE_PREFIX,
    stalledInterval: timing.stalledIntervalMs,
    maxStalledCount: timing.maxStalledCount,
    lockDuration: timing.lockDurationMs,
  };

  const shippingUpdates = new Worker<ShippingUpdateJobData, PushReturnValue>(
    shippingUpdateJob.queue,
    (job, token) => processShippingUpdate(pushDeps, job, token),
    { ...shared, concurrency: config.WORKER_CONCURRENCY, name: 'push-worker' },
  );
  const exportRuns = new Worker<ExportRunJobData, unknown>(
    exportRunJob.queue,
    (job) => processExportRunJob({ pool: deps.pool, shippingUpdates: deps.shippingUpdates, log }, job),
    { ...shared, concurrency: timing.exportRunConcurrency, name: 'export-run-worker' },
  );

  observePushes(shippingUpdates, { log, metrics, outcomes });
  observeExportRuns(exportRuns, { log, metrics });

  return {
    shippingUpdates,
    exportRuns,
    metrics,
    timing,
    async close() {
      await Promise.all([shippingUpdates.close(), exportRuns.close()]);
      await runCompletion.flush();
    },
  };
}

function pushLogger(log: Logger, job: Job): Logger {
  const data = shippingUpdateJobDataSchema.safeParse(job.data);
  return workLogger(log, {
    jobId: job.id,
    ...(data.success ? { runId: data.data.runId, shopId: data.data.shopId, orderNumber: data.data.orderNumber } : {}),
  });
}

function observePushes(
  worker: Worker<ShippingUpdateJobData, PushReturnValue>,
  context: { log: Logger; metrics: WorkerMetrics; outcomes: OutcomeWriter },
): void {
  const { log, metrics } = context;
  worker.on('completed', (job, result) => {
    metrics.pushJobs.inc({ outcome: result.outcome, reason: '' });
    // A child logger costs a serialisation of its bindings: none is made for a line not written.
    if (log.isLevelEnabled('info'))
      pushLogger(log, job).info({ outcome: result.outcome, attempts: result.attempts }, 'pushed');
  });
  worker.on('failed', (job, error) => {
    if (job === undefined) {
      log.error({ err: error }, 'push job failed');
      return;
    }
    const jobLog = pushLogger(log, job);
    if (error instanceof PushRetryError) {
      metrics.pushRetries.inc({ reason: error.reason });
      jobLog.warn(
        { reason: error.reason, attemptsMade: job.attemptsMade, error: error.message },
        'push will be retried',
      );
      return;
    }
    if (error instanceof PushFailedError) {
      metrics.pushJobs.inc({ outcome: 'failed', reason: error.reason });
      jobLog.warn(
        { outcome: 'failed', reason: error.reason, attempts: job.attemptsMade, error: error.message },
        'push failed',
      );
      return;
    }
    const final =
      error instanceof UnrecoverableError ||
      error.name === 'UnrecoverableError' ||
      job.attemptsMade >= (job.opts.attempts ?? 1);
    if (!final) {
      metrics.pushRetries.inc({ reason: 'error' });
      jobLog.error({ err: error, attemptsMade: job.attemptsMade }, 'push attempt failed unexpectedly; retried');
      return;
    }
    metrics.pushJobs.inc({ outcome: 'failed', reason: 'retries_exhausted' });
    jobLog.error({ err: error, attempts: job.attemptsMade }, 'push failed without an outcome of its own');
    // BullMQ failed it by itself (stalled too often, or an unexpected error on its last attempt):
    // its order still gets its one outcome.
    recordUnexpectedFailure(context.outcomes, job, error).catch((recordError: unknown) => {
      jobLog.error({ err: recordError }, 'the failure could not be recorded');
    });
  });
  worker.on('error', (error) => {
    log.error({ err: error }, 'push worker error');
  });
  worker.on('stalled', (jobId) => {
    log.warn({ jobId }, 'push job stalled: its worker stopped; another picks it up');
  });
}

async function recordUnexpectedFailure(outcomes: OutcomeWriter, job: Job, error: Error): Promise<void> {
  const data = shippingUpdateJobDataSchema.safeParse(job.data);
  if (!data.success) return;
  const order = { shopId: data.data.shopId, orderNumber: data.data.orderNumber };
  const trouble =
    error.message === STALLED_TOO_OFTEN
      ? 'the worker processing it stopped each time (killed or out of memory) before it ended'
      : error.message;
  await outcomes.record({
    jobId: job.id ?? shippingUpdateJob.jobId(data.data),
    orderId: data.data.orderId,
    shopId: data.data.shopId,
    orderNumber: data.data.orderNumber,
    runId: data.data.runId,
    outcome: 'failed',
    reason: 'retries_exhausted',
    error: exhaustedMessage(order, Math.max(1, job.attemptsMade), trouble),
    contentHash: data.data.contentHash,
    attempts: Math.max(1, job.attemptsMade),
  });
}

function observeExportRuns(
  worker: Worker<ExportRunJobData, unknown>,
  context: { log: Logger; metrics: WorkerMetrics },
): void {
  const { log, metrics } = context;
  worker.on('completed', (job, result) => {
    metrics.exportRuns.inc({ outcome: 'completed' });
    workLogger(log, { jobId: job.id }).info({ summary: result }, 'export run scanned');
  });
  worker.on('failed', (job, error) => {
    const final =
      job === undefined || job.attemptsMade >= (job.opts.attempts ?? 1) || error instanceof UnrecoverableError;
    metrics.exportRuns.inc({ outcome: final ? 'failed' : 'retried' });
    log.error({ jobId: job?.id, err: error, attemptsMade: job?.attemptsMade, final }, 'export run failed');
  });
  worker.on('error', (error) => {
    log.error({ err: error }, 'export-run worker error');
  });
}
