import { Counter, Histogram, Registry } from 'prom-client';
import type { PushResult } from '@shopserve-sync/shopserve-client';

export interface WorkerMetrics {
  /** Every metric below; the API serves it at `/metrics`. */
  registry: Registry;
  /** Push jobs by their final outcome, and the reason of a failure (`""` otherwise). */
  pushJobs: Counter<'outcome' | 'reason'>;
  /** Attempts spent on transient trouble that were retried. */
  pushRetries: Counter<'reason'>;
  /** Waits that spent no attempt: the shop's turn, a 429, maintenance. */
  pushWaits: Counter<'reason'>;
  /** ShopServe calls by HTTP status (or `timeout` / `network` when none came). */
  shopServeCallSeconds: Histogram<'status'>;
  /** Export-run jobs by how they ended. */
  exportRuns: Counter<'outcome'>;
}

export function createWorkerMetrics(): WorkerMetrics {
  const registry = new Registry();
  return {
    registry,
    pushJobs: new Counter({
      name: 'shopserve_sync_push_jobs_total',
      help: 'Push jobs by final outcome (updated, tracking_number_missing, failed) and failure reason',
      labelNames: ['outcome', 'reason'],
      registers: [registry],
    }),
    pushRetries: new Counter({
      name: 'shopserve_sync_push_retries_total',
      help: 'Push attempts that met transient trouble and were retried, by reason',
      labelNames: ['reason'],
      registers: [registry],
    }),
    pushWaits: new Counter({
      name: 'shopserve_sync_push_waits_total',
      help: 'Waits that spent no attempt, by reason (shop_turn, rate_limited, maintenance)',
      labelNames: ['reason'],
      registers: [registry],
    }),
    shopServeCallSeconds: new Histogram({
      name: 'shopserve_sync_shopserve_call_duration_seconds',
      help: 'ShopServe call latency by HTTP status (timeout/network when no answer came)',
      labelNames: ['status'],
      buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    exportRuns: new Counter({
      name: 'shopserve_sync_export_run_jobs_total',
      help: 'Export-run jobs by how they ended (completed, retried, failed)',
      labelNames: ['outcome'],
      registers: [registry],
    }),
  };
}

/**
 * The status label of one result: the HTTP status, or what happened instead of an answer;
 * `undefined` when no call was made at all (refused before sending).
 */
export function callStatusLabel(result: PushResult): string | undefined {
  switch (result.outcome) {
    case 'updated':
      return '200';
    case 'tracking_number_missing':
      return '400';
    case 'permanent':
      return result.status === undefined ? undefined : String(result.status);
    case 'transient':
      return result.status === undefined ? result.reason : String(result.status);
  }
}
