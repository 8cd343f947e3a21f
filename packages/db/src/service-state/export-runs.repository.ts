import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from '../pool.ts';

type Queryable = Pool | PoolClient;

export type RunTrigger = 'manual' | 'schedule';
export type RunState = 'queued' | 'running' | 'completed' | 'failed';

/** A run as the API shows it (`GET /v1/exports/{runId}`). */
export interface ExportRunView {
  runId: string;
  trigger: RunTrigger;
  state: RunState;
  window: { updatedFrom: string; updatedTo: string };
  shopIds: string[] | null;
  force: boolean;
  counts: {
    eligible: number;
    enqueued: number;
    skippedUnchanged: number;
    updated: number;
    trackingNumberMissing: number;
    failed: number;
    pending: number;
  };
  /** Orders left out for bad data (an unknown status value), reported rather than exported. */
  badData: number;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

interface RunRow {
  id: string;
  trigger: RunTrigger;
  state: RunState;
  shop_ids: string[] | null;
  window_from: Date;
  window_to: Date;
  force: boolean;
  eligible: number;
  skipped_unchanged: number;
  bad_data: number;
  error: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

/** What happened to a run's pushes, counted from its `run_orders`. */
interface PushCounts {
  enqueued: number;
  updated: number;
  trackingNumberMissing: number;
  failed: number;
}

const NO_PUSHES: PushCounts = { enqueued: 0, updated: 0, trackingNumberMissing: 0, failed: 0 };

async function pushCounts(db: Queryable, runIds: readonly string[]): Promise<Map<string, PushCounts>> {
  const { rows } = await db.query<{ run_id: string; outcome: string | null; n: number }>(
    `SELECT run_id, outcome, count(*)::int AS n FROM shopserve_sync.run_orders
      WHERE run_id = ANY ($1::uuid[]) GROUP BY run_id, outcome`,
    [runIds],
  );
  const counts = new Map<string, PushCounts>();
  for (const row of rows) {
    const current = counts.get(row.run_id) ?? { ...NO_PUSHES };
    current.enqueued += row.n;
    if (row.outcome === 'updated') current.updated += row.n;
    else if (row.outcome === 'tracking_number_missing') current.trackingNumberMissing += row.n;
    else if (row.outcome === 'failed') current.failed += row.n;
    counts.set(row.run_id, current);
  }
  return counts;
}

function toView(row: RunRow, pushes: PushCounts): ExportRunView {
  const settled = pushes.updated + pushes.trackingNumberMissing + pushes.failed;
  return {
    runId: row.id,
    trigger: row.trigger,
    state: row.state,
    window: { updatedFrom: row.window_from.toISOString(), updatedTo: row.window_to.toISOString() },
    shopIds: row.shop_ids,
    force: row.force,
    counts: {
      eligible: row.eligible,
      enqueued: pushes.enqueued,
      skippedUnchanged: row.skipped_unchanged,
      updated: pushes.updated,
      trackingNumberMissing: pushes.trackingNumberMissing,
      failed: pushes.failed,
      pending: pushes.enqueued - settled,
    },
    badData: row.bad_data,
    error: row.error,
    createdAt: row.created_at.toISOString(),
    startedAt: row.started_at?.toISOString() ?? null,
    finishedAt: row.finished_at?.toISOString() ?? null,
  };
}

async function withCounts(db: Queryable, rows: readonly RunRow[]): Promise<ExportRunView[]> {
  if (rows.length === 0) return [];
  const counts = await pushCounts(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => toView(row, counts.get(row.id) ?? NO_PUSHES));
}

export interface NewRun {
  trigger: RunTrigger;
  shopIds: readonly string[] | null;
  window: { from: Date; to: Date };
  force: boolean;
}

/** Records a manual run as `queued`; its job is added after. */
export async function createRun(db: Queryable, run: NewRun): Promise<string> {
  const id = randomUUID();
  await db.query(
    `INSERT INTO shopserve_sync.export_runs (id, trigger, state, shop_ids, window_from, window_to, force)
     VALUES ($1, $2, 'queued', $3, $4, $5, $6)`,
    [id, run.trigger, run.shopIds, run.window.from, run.window.to, run.force],
  );
  return id;
}

/**
 * Records the run of a scheduler job, once per job however often BullMQ runs it, and returns its id.
 */
export async function createRunForJob(db: Queryable, sourceJobId: string, run: NewRun): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO shopserve_sync.export_runs (id, trigger, state, source_job_id, shop_ids, window_from, window_to, force)
     VALUES ($1, $2, 'queued', $3, $4, $5, $6, $7)
     ON CONFLICT (source_job_id) DO UPDATE SET source_job_id = EXCLUDED.source_job_id
     RETURNING id`,
    [randomUUID(), run.trigger, sourceJobId, run.shopIds, run.window.from, run.window.to, run.force],
  );
  const id = rows[0]?.id;
  if (id === undefined) throw new Error(`run for job ${sourceJobId} was not recorded`);
  return id;
}

export async function getRun(db: Queryable, runId: string): Promise<ExportRunView | null> {
  const { rows } = await db.query<RunRow>('SELECT * FROM shopserve_sync.export_runs WHERE id = $1', [runId]);
  const [view] = await withCounts(db, rows);
  return view ?? null;
}

export async function listRuns(db: Queryable, limit: number): Promise<ExportRunView[]> {
  const { rows } = await db.query<RunRow>(
    'SELECT * FROM shopserve_sync.export_runs ORDER BY created_at DESC, id LIMIT $1',
    [limit],
  );
  return withCounts(db, rows);
}

/** The run's raw settings, for the worker that scans it. */
export async function getRunSpec(
  db: Queryable,
  runId: string,
): Promise<(NewRun & { state: RunState; createdAt: Date }) | null> {
  const { rows } = await db.query<RunRow>('SELECT * FROM shopserve_sync.export_runs WHERE id = $1', [runId]);
  const row = rows[0];
  if (!row) return null;
  return {
    trigger: row.trigger,
    state: row.state,
    shopIds: row.shop_ids,
    window: { from: row.window_from, to: row.window_to },
    force: row.force,
    createdAt: row.created_at,
  };
}

/**
 * A (re)started scan begins from nothing: a scan retried after a failure must not count the
 * orders of its first try twice. Pushes already enqueued stay enqueued (their ids dedupe).
 */
export async function startScan(db: Queryable, runId: string): Promise<void> {
  await db.query(
    `UPDATE shopserve_sync.export_runs
        SET state = 'running', started_at = COALESCE(started_at, now()), error = NULL,
            eligible = 0, skipped_unchanged = 0, bad_data = 0, scan_finished = false
      WHERE id = $1`,
    [runId],
  );
}

export async function addScanCounts(
  db: Queryable,
  runId: string,
  counts: { eligible: number; skippedUnchanged: number; badData: number },
): Promise<void> {
  await db.query(
    `UPDATE shopserve_sync.export_runs
        SET eligible = eligible + $2, skipped_unchanged = skipped_unchanged + $3, bad_data = bad_data + $4
      WHERE id = $1`,
    [runId, counts.eligible, counts.skippedUnchanged, counts.badData],
  );
}

/**
 * Registers the pushes a run waits for (one per order; re-registering is a no-op), then settles at
 * once those whose job has already ended (a job an overlapping run enqueued earlier).
 */
export async function registerRunOrders(
  db: Queryable,
  runId: string,
  pushes: readonly { orderId: number; jobId: string }[],
): Promise<void> {
  if (pushes.length === 0) return;
  await db.query(
    `INSERT INTO shopserve_sync.run_orders (run_id, order_id, job_id)
     SELECT $1, order_id, job_id FROM unnest($2::bigint[], $3::text[]) AS p (order_id, job_id)
     ON CONFLICT (run_id, order_id) DO NOTHING`,
    [runId, pushes.map((p) => p.orderId), pushes.map((p) => p.jobId)],
  );
  await settleFromOutcomes(
    db,
    runId,
    pushes.map((p) => p.orderId),
  );
}

/**
 * Settles this run's waiting rows whose job already has an outcome. The worker settles rows as
 * jobs end; this catches the rows registered while their job was ending.
 */
export async function settleFromOutcomes(
  db: Queryable,
  runId: string,
  onlyOrderIds?: readonly number[],
): Promise<void> {
  await db.query(
    `UPDATE shopserve_sync.run_orders ro SET outcome = po.outcome
       FROM shopserve_sync.push_outcomes po
      WHERE ro.run_id = $1 AND ro.outcome IS NULL AND po.job_id = ro.job_id
        AND ($2::bigint[] IS NULL OR ro.order_id = ANY ($2::bigint[]))`,
    [runId, onlyOrderIds ?? null],
  );
  await completeIfDone(db, [runId]);
}

export async function finishScan(db: Queryable, runId: string): Promise<void> {
  await db.query('UPDATE shopserve_sync.export_runs SET scan_finished = true WHERE id = $1', [runId]);
  await settleFromOutcomes(db, runId);
}

/**
 * A run is completed once its scan is over and every order it waits for has its outcome. Call it
 * after the outcomes are committed: of two last outcomes committed at once, the later check then
 * sees both.
 */
export async function completeIfDone(db: Queryable, runIds: readonly string[]): Promise<void> {
  if (runIds.length === 0) return;
  await db.query(
    `UPDATE shopserve_sync.export_runs r
        SET state = 'completed', finished_at = now()
      WHERE r.id = ANY ($1::uuid[]) AND r.state = 'running' AND r.scan_finished
        AND NOT EXISTS (SELECT 1 FROM shopserve_sync.run_orders ro WHERE ro.run_id = r.id AND ro.outcome IS NULL)`,
    [runIds],
  );
}

export async function failRun(db: Queryable, runId: string, error: string): Promise<void> {
  await db.query(
    `UPDATE shopserve_sync.export_runs SET state = 'failed', error = $2, finished_at = now()
      WHERE id = $1 AND state IN ('queued', 'running')`,
    [runId, error],
  );
}
