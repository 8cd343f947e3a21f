import type { Queue } from 'bullmq';
import {
  addScanCounts,
  exportableShopIds,
  finishScan,
  getRunSpec,
  registerRunOrders,
  startScan,
  type Pool,
} from '@shopserve-sync/db';
import { orderPages, unknownStatusOrdersQuery } from '@shopserve-sync/eligibility';
import type { Logger } from '@shopserve-sync/logger';
import { addShippingUpdates, shippingUpdateJob, type ShippingUpdateJobData } from '@shopserve-sync/queue';
import { plannedOrderPages } from './planned-order-pages.ts';

export interface ScanDeps {
  pool: Pool;
  shippingUpdates: Queue<ShippingUpdateJobData>;
  log: Logger;
  /** Orders read and enqueued per step: bounds memory whatever the table's size. Default 1,000. */
  pageSize?: number;
}

export interface ScanSummary {
  runId: string;
  shops: number;
  eligible: number;
  enqueued: number;
  skippedUnchanged: number;
  badData: number;
}

/** The shops a run covers: those named, else every shop with the API option (and, when scheduled, automatic export). */
async function shopsOfRun(pool: Pool, spec: { trigger: string; shopIds: readonly string[] | null }): Promise<string[]> {
  if (spec.shopIds) return [...spec.shopIds];
  return exportableShopIds(pool, { autoExportOnly: spec.trigger === 'schedule' });
}

/**
 * Finds a run's eligible orders shop by shop, in keyset pages, and enqueues one push per order
 * whose content changed since its last final outcome (or every one, when forced). Each page is
 * registered with the run before its jobs are added, so that no outcome can end before the run
 * waits for it. Running it again for the same run (a retry) starts the counts over and enqueues
 * nothing twice: job ids come from order, generation and content.
 */
export async function scanRun(deps: ScanDeps, runId: string): Promise<ScanSummary | null> {
  const { pool, log } = deps;
  const pageSize = deps.pageSize ?? 1_000;
  const spec = await getRunSpec(pool, runId);
  if (!spec) throw new Error(`export run ${runId} does not exist`);
  if (spec.state === 'completed' || spec.state === 'failed') return null;

  await startScan(pool, runId);
  const shopIds = await shopsOfRun(pool, spec);
  const summary: ScanSummary = {
    runId,
    shops: shopIds.length,
    eligible: 0,
    enqueued: 0,
    skippedUnchanged: 0,
    badData: 0,
  };
  // Calendar rules (one year, four days) are judged as of the run's creation, as its window is.
  const now = spec.createdAt;

  for (const shopId of shopIds) {
    const selection = { shopId, window: spec.window, now, limit: pageSize };
    const planning = { ...selection, force: spec.force, runId, pageSize };
    for await (const planned of plannedOrderPages(pool, planning)) {
      const jobs: ShippingUpdateJobData[] = [];
      let skipped = 0;
      for (const { push } of planned) {
        if (push.action === 'skip_unchanged') skipped += 1;
        else jobs.push(push.job);
      }
      await registerRunOrders(
        pool,
        runId,
        jobs.map((job) => ({ orderId: job.orderId, jobId: shippingUpdateJob.jobId(job) })),
      );
      await addShippingUpdates(deps.shippingUpdates, jobs);
      await addScanCounts(pool, runId, { eligible: planned.length, skippedUnchanged: skipped, badData: 0 });
      summary.eligible += planned.length;
      summary.enqueued += jobs.length;
      summary.skippedUnchanged += skipped;
    }

    for await (const orders of orderPages(pool, unknownStatusOrdersQuery, selection)) {
      for (const order of orders) {
        log.warn(
          { runId, shopId, orderId: order.id, orderNumber: order.order_number, status: order.status },
          'order has an unknown status value: not exported; correct it in the OMS',
        );
      }
      await addScanCounts(pool, runId, { eligible: 0, skippedUnchanged: 0, badData: orders.length });
      summary.badData += orders.length;
    }
  }

  await finishScan(pool, runId);
  return summary;
}
