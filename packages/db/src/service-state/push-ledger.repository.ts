import type { Pool, PoolClient } from '../pool.ts';
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

/** Completes those of these runs that have nothing left to wait for (see `completeIfDone`). */
export type RunCompletion = (runIds: readonly string[]) => Promise<void>;

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
 * its last (`completeRuns`, after the commit: at once by default; the worker batches these checks).
 * Returns whether this call was the first.
 */
export async function recordPushOutcome(
  pool: Pool,
  record: PushOutcomeRecord,
  completeRuns: RunCompletion = (runIds) => completeIfDone(pool, runIds),
): Promise<boolean> {
  const { recorded, settledRunIds } = await recordPushOutcomes(pool, [record]);
  if (!recorded.has(record.jobId)) return false;
  await completeRuns(settledRunIds);
  return true;
}

export interface RecordedOutcomes {
  /** Job ids whose outcome these records were the first of. */
  recorded: Set<string>;
  /** Runs whose waiting rows these outcomes settled (to check for completion after the commit). */
  settledRunIds: string[];
}

/** What {@link recordPushOutcomes} runs: $1 is the JSON array of its rows. */
export const RECORD_PUSH_OUTCOMES_SQL = `WITH input AS (
    SELECT * FROM jsonb_to_recordset($1::jsonb)
      AS i (job_id text, order_id bigint, shop_id text, order_number text, run_id uuid, outcome text, reason text,
            error text, sent jsonb, content_hash text, attempts int, final_hash text)
  ), inserted AS (
    INSERT INTO shopserve_sync.push_outcomes
      (job_id, order_id, shop_id, order_number, run_id, outcome, reason, error, sent, content_hash, attempts)
    SELECT job_id, order_id, shop_id, order_number, run_id, outcome, reason, error, sent, content_hash, attempts
      FROM input ORDER BY order_id
    ON CONFLICT (job_id) DO NOTHING
    RETURNING job_id
  ), ledger AS (
    INSERT INTO shopserve_sync.push_ledger (order_id, shop_id, generation, last_job_id, last_outcome, final_content_hash)
    SELECT i.order_id, i.shop_id, 1, i.job_id, i.outcome, i.final_hash FROM input i JOIN inserted USING (job_id)
     ORDER BY i.order_id
    ON CONFLICT (order_id) DO UPDATE
      SET generation = push_ledger.generation + 1,
          last_job_id = EXCLUDED.last_job_id,
          last_outcome = EXCLUDED.last_outcome,
          final_content_hash = COALESCE(EXCLUDED.final_content_hash, push_ledger.final_content_hash),
          updated_at = now()
  ), settled AS (
    UPDATE shopserve_sync.run_orders ro SET outcome = i.outcome
      FROM input i JOIN inserted USING (job_id)
     WHERE ro.job_id = i.job_id AND ro.outcome IS NULL
       -- Spelled out as a list, so that the rows are looked up by job id: joined to the CTE,
       -- the planner read every pending row of every run instead (its estimate of the input
       -- is 100 rows), once per batch of outcomes.
       AND ro.job_id = ANY (ARRAY(SELECT job_id FROM inserted))
    RETURNING ro.run_id
  )
  SELECT ARRAY(SELECT job_id FROM inserted) AS recorded,
         ARRAY(SELECT DISTINCT run_id FROM settled)::text[] AS settled_runs`;

/**
 * The parameter of {@link RECORD_PUSH_OUTCOMES_SQL}: the records as rows, in the same order in
 * every process, so that two writers lock ledger rows alike.
 */
export function outcomeRowsJson(records: readonly PushOutcomeRecord[]): string {
  const sorted = [...records].sort((a, b) => a.orderId - b.orderId);
  return JSON.stringify(
    sorted.map((r) => ({
      job_id: r.jobId,
      order_id: r.orderId,
      shop_id: r.shopId,
      order_number: r.orderNumber,
      run_id: r.runId ?? null,
      outcome: r.outcome,
      reason: r.reason ?? null,
      error: r.error ?? null,
      sent: r.sent ?? null,
      content_hash: r.contentHash,
      attempts: r.attempts,
      final_hash: FINAL_OUTCOMES.includes(r.outcome) ? r.contentHash : null,
    })),
  );
}

/**
 * {@link recordPushOutcome} for many pushes in one statement: one round trip and one commit for
 * all (a commit per push kept PostgreSQL waiting on its WAL). No two records may be of one order,
 * nor of one job: the ledger's upsert takes each order once per statement.
 */
export async function recordPushOutcomes(pool: Pool, records: readonly PushOutcomeRecord[]): Promise<RecordedOutcomes> {
  if (records.length === 0) return { recorded: new Set(), settledRunIds: [] };
  if (new Set(records.map((r) => r.orderId)).size !== records.length)
    throw new Error('recordPushOutcomes takes at most one record per order in one call');
  // One JSON document for all rows: serialised natively, where a dozen parameter arrays cost the
  // worker more CPU than the statement costs PostgreSQL. Named, so each connection plans it once:
  // planning it took PostgreSQL as long as running it.
  const { rows } = await pool.query<{ recorded: string[]; settled_runs: string[] }>({
    name: 'record-push-outcomes',
    text: RECORD_PUSH_OUTCOMES_SQL,
    values: [outcomeRowsJson(records)],
  });
  const row = rows[0];
  return { recorded: new Set(row?.recorded ?? []), settledRunIds: row?.settled_runs ?? [] };
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
