import type { Pool, PoolClient } from '../pool.ts';
import { inTransaction } from '../pool.ts';
import { completeIfDone } from './export-runs.repository.ts';
import { FINAL_OUTCOMES, type FailureReason, type PushOutcome } from './push-outcome.ts';

type Queryable = Pool | PoolClient;

/** What the scan needs per order: where its pushes stand. */
export interface LedgerEntry {
  orderId: number;
  generation: number;
  /** Content hash of the last `updated` / `tracking_number_missing`; null when none yet. */
  finalContentHash: string | null;
}

export async function ledgerEntries(db: Queryable, orderIds: readonly number[]): Promise<Map<number, LedgerEntry>> {
  const entries = new Map<number, LedgerEntry>();
  if (orderIds.length === 0) return entries;
  const { rows } = await db.query<{ order_id: number; generation: number; final_content_hash: string | null }>(
    `SELECT order_id, generation, final_content_hash FROM shopserve_sync.push_ledger WHERE order_id = ANY($1::bigint[])`,
    [orderIds],
  );
  for (const row of rows) {
    entries.set(row.order_id, {
      orderId: row.order_id,
      generation: row.generation,
      finalContentHash: row.final_content_hash,
    });
  }
  return entries;
}

export interface PushOutcomeRecord {
  jobId: string;
  orderId: number;
  shopId: string;
  orderNumber: string;
  runId?: string | undefined;
  outcome: PushOutcome;
  reason?: FailureReason | undefined;
  /** In words an operator understands; never a credential. */
  error?: string | undefined;
  /** The body sent to ShopServe, when one was. */
  sent?: unknown;
  contentHash: string;
  attempts: number;
}

/**
 * Records a push's final outcome exactly once per job id — BullMQ may run a job twice (a stalled
 * job, a retry after the outcome was written) — and only the first record moves the order's ledger
 * and settles the rows of every run waiting for this job; each such run is completed if this was
 * its last. Returns whether this call was the first.
 */
export async function recordPushOutcome(pool: Pool, record: PushOutcomeRecord): Promise<boolean> {
  const settledRuns = await inTransaction(pool, async (client) => {
    const inserted = await client.query(
      `INSERT INTO shopserve_sync.push_outcomes
         (job_id, order_id, shop_id, order_number, run_id, outcome, reason, error, sent, content_hash, attempts)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (job_id) DO NOTHING`,
      [
        record.jobId,
        record.orderId,
        record.shopId,
        record.orderNumber,
        record.runId ?? null,
        record.outcome,
        record.reason ?? null,
        record.error ?? null,
        record.sent === undefined ? null : JSON.stringify(record.sent),
        record.contentHash,
        record.attempts,
      ],
    );
    if (inserted.rowCount === 0) return null;

    const final = FINAL_OUTCOMES.includes(record.outcome);
    await client.query(
      `INSERT INTO shopserve_sync.push_ledger (order_id, shop_id, generation, last_job_id, last_outcome, final_content_hash)
       VALUES ($1, $2, 1, $3, $4, $5)
       ON CONFLICT (order_id) DO UPDATE
         SET generation = push_ledger.generation + 1,
             last_job_id = EXCLUDED.last_job_id,
             last_outcome = EXCLUDED.last_outcome,
             final_content_hash = COALESCE(EXCLUDED.final_content_hash, push_ledger.final_content_hash),
             updated_at = now()`,
      [record.orderId, record.shopId, record.jobId, record.outcome, final ? record.contentHash : null],
    );

    const settled = await client.query<{ run_id: string }>(
      `UPDATE shopserve_sync.run_orders SET outcome = $2
        WHERE job_id = $1 AND outcome IS NULL
       RETURNING run_id`,
      [record.jobId, record.outcome],
    );
    return settled.rows.map((row) => row.run_id);
  });
  if (settledRuns === null) return false;
  await completeIfDone(pool, settledRuns);
  return true;
}

/** An order's last push as the API shows it (`GET /v1/orders/{orderId}/sync`). */
export interface OrderSyncView {
  orderId: number;
  shopId: string;
  orderNumber: string;
  jobId: string;
  runId: string | null;
  outcome: PushOutcome;
  reason: string | null;
  error: string | null;
  sent: unknown;
  attempts: number;
  finishedAt: string;
}

export async function lastPush(db: Queryable, orderId: number): Promise<OrderSyncView | null> {
  const { rows } = await db.query<{
    order_id: number;
    shop_id: string;
    order_number: string;
    job_id: string;
    run_id: string | null;
    outcome: PushOutcome;
    reason: string | null;
    error: string | null;
    sent: unknown;
    attempts: number;
    finished_at: Date;
  }>(`SELECT * FROM shopserve_sync.push_outcomes WHERE order_id = $1 ORDER BY finished_at DESC, job_id DESC LIMIT 1`, [
    orderId,
  ]);
  const row = rows[0];
  if (!row) return null;
  return {
    orderId: row.order_id,
    shopId: row.shop_id,
    orderNumber: row.order_number,
    jobId: row.job_id,
    runId: row.run_id,
    outcome: row.outcome,
    reason: row.reason,
    error: row.error,
    sent: row.sent,
    attempts: row.attempts,
    finishedAt: row.finished_at.toISOString(),
  };
}
