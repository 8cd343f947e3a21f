import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { startSandbox } from '@shopserve-sync/shopserve-sandbox';
import { isolatedDatabase } from '../../../../test/support/isolated.ts';
import { captureLog, freePort, SHIPPED, seedOrders, seedShop, startWorkers, waitForOutcomes } from './fixture.ts';

/** A redis-server of this test's own, to stop and start again. */
async function privateRedis(port: number, dir: string) {
  const server = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  await new Promise<void>((resolve, reject) => {
    server.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) resolve();
    });
    server.once('exit', (code) => {
      reject(new Error(`redis-server exited (${code}): ${output}`));
    });
  });
  return {
    async stop() {
      if (server.exitCode !== null || server.signalCode !== null) return;
      server.kill('SIGKILL');
      await once(server, 'exit');
    },
  };
}

/**
 * The connection's next `event`. Not `events.once`: that rejects on the connection's `error`
 * events, which ioredis emits while Redis is away and it keeps retrying.
 */
function connectionEvent(connection: Redis, event: 'close' | 'ready'): Promise<void> {
  return new Promise((resolve) =>
    connection.once(event, () => {
      resolve();
    }),
  );
}

describe('Redis going away', () => {
  it('the worker resumes by itself once Redis is back', async () => {
    await using db = await isolatedDatabase();
    await using sandbox = await startSandbox();
    const dir = await mkdtemp(join(tmpdir(), 'ssync-redis-'));
    const port = await freePort();
    let redis = await privateRedis(port, dir);
    try {
      await seedShop(db.pool, { shopId: 'shop-001', shopserveShopId: 'ss-001', authKey: 'reconnect-key' });
      const [before, after] = await seedOrders(db.pool, 'shop-001', [
        { orderNumber: '90000001', ...SHIPPED },
        { orderNumber: '90000002', ...SHIPPED },
      ]);
      if (before === undefined || after === undefined) throw new Error('orders not seeded');
      const running = startWorkers({
        redisUrl: `redis://127.0.0.1:${port}`,
        prefix: 'reconnect-test',
        pool: db.pool,
        shopServeUrl: sandbox.url,
        log: captureLog('fatal').log,
      });
      try {
        await running.enqueue([before]);
        await waitForOutcomes(db.pool, 1);

        const lost = connectionEvent(running.connection, 'close');
        await redis.stop();
        await lost;
        // Listened for before the restart: the worker may reconnect before privateRedis returns.
        const back = connectionEvent(running.connection, 'ready');
        redis = await privateRedis(port, dir);
        await back;

        await running.enqueue([after]);
        const rows = await waitForOutcomes(db.pool, 2, 40_000);
        expect(rows.map((row) => [row.order_number, row.outcome])).toEqual([
          ['90000001', 'updated'],
          ['90000002', 'updated'],
        ]);
      } finally {
        await running[Symbol.asyncDispose]();
      }
    } finally {
      await redis.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
