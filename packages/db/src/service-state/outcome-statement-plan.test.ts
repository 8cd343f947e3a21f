import { describe, expect, it } from 'vitest';
import { isolatedDatabase } from '../../../../test/support/isolated.ts';
import { createRun } from './export-runs.repository.ts';
import { outcomeRowsJson, RECORD_PUSH_OUTCOMES_SQL, type PushOutcomeRecord } from './push-ledger.repository.ts';

const window = { from: new Date('2026-11-28T00:00:00+09:00'), to: new Date('2026-12-02T12:00:00+09:00') };

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

function rows(jobIds: readonly string[]): string {
  return outcomeRowsJson(
    jobIds.map((jobId, i): PushOutcomeRecord => ({
      jobId,
      orderId: 900_000 + i,
      shopId: 'shop-001',
      orderNumber: String(10_000_000 + i),
      outcome: 'updated',
      sent: { shippingStatus: 'Shipped', slipNumber: '1234' },
      contentHash: 'aaaaaaaaaaaaaaaa',
      attempts: 1,
    })),
  );
}

describe('the outcome statement’s plan', () => {
  // The statement is prepared once per connection, so PostgreSQL soon runs it with a generic plan:
  // that plan must still find a batch's waiting rows by job id, not read every waiting row.
  it('looks up the waiting rows by job id, also with the generic plan it settles on', async () => {
    await using db = await isolatedDatabase();
    const runId = await createRun(db.pool, { trigger: 'manual', shopIds: ['shop-001'], window, force: false });
    await db.pool.query(
      `INSERT INTO shopserve_sync.run_orders (run_id, order_id, job_id)
       SELECT $1, n, 'push-' || n || '-g0-aaaaaaaaaaaaaaaa' FROM generate_series(1, 20000) n`,
      [runId],
    );
    await db.pool.query('ANALYZE shopserve_sync.run_orders');

    const client = await db.pool.connect();
    try {
      await client.query(`PREPARE record_outcomes (jsonb) AS ${RECORD_PUSH_OUTCOMES_SQL}`);
      // PostgreSQL weighs a generic plan after five custom ones.
      for (let batch = 0; batch < 6; batch += 1) {
        const jobIds = Array.from({ length: 15 }, (_, i) => `push-${String(batch * 15 + i + 1)}-g0-aaaaaaaaaaaaaaaa`);
        await client.query(`EXECUTE record_outcomes (${client.escapeLiteral(rows(jobIds))})`);
      }
      const { rows: explained } = await client.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
        `EXPLAIN (FORMAT JSON) EXECUTE record_outcomes (${client.escapeLiteral(rows(['push-200-g0-aaaaaaaaaaaaaaaa']))})`,
      );
      const plan = explained[0]?.['QUERY PLAN'][0].Plan;
      if (!plan) throw new Error('no plan');
      const all = nodes(plan);
      const runOrdersIndexes = all
        .flatMap((node) => node['Index Name'] ?? [])
        .filter((name) => name.startsWith('run_orders'));
      expect(runOrdersIndexes).toEqual(['run_orders_pending_job']);
      expect(all.filter((node) => node['Node Type'] === 'Seq Scan' && node['Relation Name'] === 'run_orders')).toEqual(
        [],
      );
    } finally {
      client.release();
    }
  });
});
