import { describe, expect, it } from 'vitest';
import { isolatedDatabase } from '../../../../test/support/isolated.ts';
import {
  addScanCounts,
  createRun,
  createRunForJob,
  finishScan,
  getRun,
  registerRunOrders,
  startScan,
} from './export-runs.repository.ts';
import { lastPush, ledgerEntries, recordPushOutcome, type PushOutcomeRecord } from './push-ledger.repository.ts';
import {
  exportableShopIds,
  getShopCredentials,
  getShopSettings,
  recordAuthFailure,
  saveShopSettings,
} from './shop-settings.repository.ts';

const window = { from: new Date('2026-11-28T00:00:00+09:00'), to: new Date('2026-12-02T12:00:00+09:00') };

function outcome(jobId: string, orderId: number, extra: Partial<PushOutcomeRecord> = {}): PushOutcomeRecord {
  return {
    jobId,
    orderId,
    shopId: 'shop-001',
    orderNumber: String(10000000 + orderId),
    outcome: 'updated',
    contentHash: 'aaaaaaaaaaaaaaaa',
    attempts: 1,
    ...extra,
  };
}

describe('export runs and the push ledger', () => {
  it('counts each order of a run once, however often its outcome is recorded, and completes the run', async () => {
    await using db = await isolatedDatabase();
    const runId = await createRun(db.pool, { trigger: 'manual', shopIds: ['shop-001'], window, force: false });
    await startScan(db.pool, runId);
    await addScanCounts(db.pool, runId, { eligible: 4, skippedUnchanged: 1, badData: 0 });
    await registerRunOrders(db.pool, runId, [
      { orderId: 1, jobId: 'push-1-g0-a' },
      { orderId: 2, jobId: 'push-2-g0-a' },
      { orderId: 3, jobId: 'push-3-g0-a' },
    ]);
    await finishScan(db.pool, runId);

    expect(await recordPushOutcome(db.pool, outcome('push-1-g0-a', 1))).toBe(true);
    expect(await recordPushOutcome(db.pool, outcome('push-1-g0-a', 1))).toBe(false);
    await recordPushOutcome(db.pool, outcome('push-2-g0-a', 2, { outcome: 'tracking_number_missing' }));
    expect((await getRun(db.pool, runId))?.state).toBe('running');
    await recordPushOutcome(
      db.pool,
      outcome('push-3-g0-a', 3, { outcome: 'failed', reason: 'unknown_carrier', error: 'x' }),
    );

    const run = await getRun(db.pool, runId);
    expect(run?.state).toBe('completed');
    expect(run?.counts).toEqual({
      eligible: 4,
      enqueued: 3,
      skippedUnchanged: 1,
      updated: 1,
      trackingNumberMissing: 1,
      failed: 1,
      pending: 0,
    });
  });

  it('settles a run at once for a push that an overlapping run enqueued and that has already ended', async () => {
    await using db = await isolatedDatabase();
    const first = await createRun(db.pool, { trigger: 'manual', shopIds: null, window, force: false });
    await startScan(db.pool, first);
    await registerRunOrders(db.pool, first, [{ orderId: 7, jobId: 'push-7-g0-b' }]);
    await finishScan(db.pool, first);
    await recordPushOutcome(db.pool, outcome('push-7-g0-b', 7));

    const second = await createRun(db.pool, { trigger: 'manual', shopIds: null, window, force: false });
    await startScan(db.pool, second);
    await registerRunOrders(db.pool, second, [{ orderId: 7, jobId: 'push-7-g0-b' }]);
    await finishScan(db.pool, second);
    const run = await getRun(db.pool, second);
    expect(run?.state).toBe('completed');
    expect(run?.counts.updated).toBe(1);
  });

  it('moves the order generation on each ended push, and keeps the content of the last final one', async () => {
    await using db = await isolatedDatabase();
    await recordPushOutcome(db.pool, outcome('push-9-g0-c', 9, { contentHash: '1111111111111111' }));
    await recordPushOutcome(
      db.pool,
      outcome('push-9-g1-d', 9, { contentHash: '2222222222222222', outcome: 'failed', reason: 'retries_exhausted' }),
    );
    const entry = (await ledgerEntries(db.pool, [9])).get(9);
    expect(entry).toEqual({ orderId: 9, generation: 2, finalContentHash: '1111111111111111' });
    expect((await lastPush(db.pool, 9))?.outcome).toBe('failed');
  });

  it('records a scheduler job’s run once', async () => {
    await using db = await isolatedDatabase();
    const spec = { trigger: 'schedule' as const, shopIds: null, window, force: false };
    const a = await createRunForJob(db.pool, 'repeat-1', spec);
    const b = await createRunForJob(db.pool, 'repeat-1', spec);
    expect(a).toBe(b);
  });
});

describe('shop settings', () => {
  it('never shows the key, and a save clears a remembered auth failure', async () => {
    await using db = await isolatedDatabase();
    await db.pool.query(`INSERT INTO shops (id, name) VALUES ('shop-001', 'テスト'), ('shop-002', 'テスト2')`);
    const saved = await saveShopSettings(db.pool, 'shop-001', {
      shopserveShopId: 'ss1',
      authKey: 'secret-key-1',
      orderApiEnabled: true,
      autoExport: false,
    });
    expect(JSON.stringify(saved)).not.toContain('secret-key-1');
    await recordAuthFailure(db.pool, 'shop-001', saved.revision, { reason: 'unauthorized', message: '401' });
    expect((await getShopSettings(db.pool, 'shop-001'))?.lastAuthError?.reason).toBe('unauthorized');
    expect((await getShopCredentials(db.pool, 'shop-001'))?.authFailure?.reason).toBe('unauthorized');

    await saveShopSettings(db.pool, 'shop-001', {
      shopserveShopId: 'ss1',
      authKey: 'secret-key-2',
      orderApiEnabled: true,
      autoExport: true,
    });
    expect((await getShopSettings(db.pool, 'shop-001'))?.lastAuthError).toBeNull();
    expect((await getShopCredentials(db.pool, 'shop-001'))?.authKey).toBe('secret-key-2');
    await saveShopSettings(db.pool, 'shop-002', {
      shopserveShopId: 'ss2',
      authKey: 'k',
      orderApiEnabled: true,
      autoExport: false,
    });
    expect(await exportableShopIds(db.pool, { autoExportOnly: true })).toEqual(['shop-001']);
    expect(await exportableShopIds(db.pool, { autoExportOnly: false })).toEqual(['shop-001', 'shop-002']);
  });
});
