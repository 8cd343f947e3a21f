import type { BackoffOptions } from 'bullmq';
import { shippingUpdateJob } from '@shopserve-sync/queue';
import { JITTER_ALLOWANCE_MS } from './shop-pacing.ts';

/**
 * The worker's clocks. Production uses the defaults; tests shorten them through
 * `createWorkers({ timing })`, never through the environment.
 */
export interface WorkerTiming {
  /**
   * How often each worker looks for jobs whose worker died (their lock ran out) and puts them
   * back to wait for another worker. Default 15 s: a killed worker's jobs restart within
   * `lockDurationMs` + this.
   */
  stalledIntervalMs: number;
  /**
   * A job found stalled more often than this fails (it may be what kills its workers).
   * Default 2.
   */
  maxStalledCount: number;
  /**
   * How long a job's lock holds without renewal (BullMQ renews it at half of this while the job
   * runs). Default: one ShopServe call's deadline plus 20 s for the database and Redis around it.
   */
  lockDurationMs: number;
  /** How long a shop's settings are reused before they are read again. Default 5 s. */
  settingsTtlMs: number;
  /** Waits that spend no attempt are free only while the job is younger than this. Default: the registry's. */
  freeWaitingForMs: number;
  /** See {@link JITTER_ALLOWANCE_MS}. */
  jitterAllowanceMs: number;
  /** Export runs scanned at once per process. Default 2. */
  exportRunConcurrency: number;
}

export const STALLED_INTERVAL_MS = 15_000;
export const MAX_STALLED_COUNT = 2;
const LOCK_MARGIN_MS = 20_000;

export function workerTiming(shopServeTimeoutMs: number, overrides: Partial<WorkerTiming> = {}): WorkerTiming {
  return {
    stalledIntervalMs: STALLED_INTERVAL_MS,
    maxStalledCount: MAX_STALLED_COUNT,
    lockDurationMs: shopServeTimeoutMs + LOCK_MARGIN_MS,
    settingsTtlMs: 5_000,
    freeWaitingForMs: shippingUpdateJob.freeWaitingForMs,
    jitterAllowanceMs: JITTER_ALLOWANCE_MS,
    exportRunConcurrency: 2,
    ...overrides,
  };
}

/** The first step of a job's backoff: the wait for a 429 that names none. */
export function firstBackoffMs(backoff: number | BackoffOptions | undefined): number {
  if (typeof backoff === 'number') return backoff;
  return backoff?.delay ?? shippingUpdateJob.options.backoff.delay;
}

/**
 * Connections of a worker process's PostgreSQL pool: pushes hold one only while recording, so a
 * couple more than the pushes in flight (for export runs), and never more than 20.
 */
export function workerPoolSize(concurrency: number): number {
  return Math.min(20, concurrency + 2);
}
