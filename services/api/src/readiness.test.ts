import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createPool } from '@shopserve-sync/db';
import { BOARD, seedShop, startTestApi } from './testing/api.fixture.ts';

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

interface OwnRedis extends AsyncDisposable {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** A Redis of this test's own, to stop on purpose; ready once it says so on its output. */
async function startOwnRedis(): Promise<OwnRedis> {
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) resolve();
    });
    child.once('exit', (code) => {
      reject(new Error(`redis-server exited (${code ?? 'signal'}): ${output}`));
    });
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
  };
  return { url: `redis://127.0.0.1:${port}`, process: child, stop, [Symbol.asyncDispose]: stop };
}

describe('readiness', () => {
  it('answers 200 while both servers answer, and 503 naming Redis soon after Redis stops', async () => {
    await using redis = await startOwnRedis();
    await using api = await startTestApi({ redisUrl: redis.url });
    await seedShop(api.db.pool, 'shop-001', { orderApiEnabled: true });

    const ready = await api.call('GET', '/readyz', { token: null });
    expect(ready.status).toBe(200);
    expect(ready.json).toMatchObject({ status: 'ready', checks: { redis: { ok: true }, postgresql: { ok: true } } });

    const connectionLost = once(api.redis, 'close');
    await redis.stop();
    await connectionLost;

    const notReady = await api.call('GET', '/readyz', { token: null });
    expect(notReady.status).toBe(503);
    expect(notReady.json).toMatchObject({
      status: 'unavailable',
      message: expect.stringContaining('Redis'),
      checks: { redis: { ok: false, error: expect.any(String) }, postgresql: { ok: true } },
    });
    expect(notReady.json.message).not.toContain('PostgreSQL');
    expect((await api.call('GET', '/healthz', { token: null })).status).toBe(200);

    // Nothing can be enqueued: 503 saying so, and no run is left waiting for a job that does not exist.
    const trigger = await api.call('POST', '/v1/exports', { body: { shopIds: ['shop-001'] } });
    expect(trigger.status).toBe(503);
    expect(trigger.headers.get('retry-after')).toBe('5');
    expect(trigger.json).toMatchObject({ error: 'service_unavailable', message: expect.stringContaining('Redis') });
    const { rows } = await api.db.pool.query("SELECT state FROM shopserve_sync.export_runs WHERE state <> 'failed'");
    expect(rows).toEqual([]);
    const dryRun = await api.call('POST', '/v1/exports', { body: { dryRun: true } });
    expect(dryRun.status).toBe(200);

    const push = await api.call('POST', '/v1/orders/1/push');
    expect(push.status).toBe(503);

    const metrics = await api.call('GET', '/metrics', { token: null });
    expect(metrics.status).toBe(200);
    expect(metrics.text).toContain('shopserve_sync_metrics_source_up{source="redis"} 0');
    expect(metrics.text).toContain('shopserve_sync_metrics_source_up{source="postgresql"} 1');
  });

  it('fails fast, never waits, when Redis was never up', async () => {
    const port = await freePort();
    await using api = await startTestApi({ redisUrl: `redis://127.0.0.1:${port}` });
    await seedShop(api.db.pool, 'shop-001', { orderApiEnabled: true });
    expect((await api.call('GET', '/readyz', { token: null })).status).toBe(503);
    expect((await api.call('POST', '/v1/exports')).status).toBe(503);
    expect((await api.call('POST', '/v1/orders/1/push')).status).toBe(503);
    expect((await api.call('GET', '/metrics', { token: null })).text).toContain(
      'shopserve_sync_metrics_source_up{source="redis"} 0',
    );
    const board = await fetch(`${api.url}/admin/queues/api/queues`, {
      headers: { authorization: `Basic ${Buffer.from(`${BOARD.username}:${BOARD.password}`).toString('base64')}` },
    });
    expect(board.status).toBe(503);
    const { rows } = await api.db.pool.query('SELECT count(*)::int AS n FROM shopserve_sync.export_runs');
    expect(rows[0].n).toBe(0);
  });

  it('answers 503 naming PostgreSQL when the database does not answer', async () => {
    const port = await freePort();
    const deadPool = createPool(`postgres://postgres@127.0.0.1:${port}/nowhere`, { max: 1 });
    try {
      await using api = await startTestApi({ pool: deadPool });
      const notReady = await api.call('GET', '/readyz', { token: null });
      expect(notReady.status).toBe(503);
      expect(notReady.json).toMatchObject({
        message: expect.stringContaining('PostgreSQL'),
        checks: { redis: { ok: true }, postgresql: { ok: false } },
      });
      const runs = await api.call('GET', '/v1/exports');
      expect(runs.status).toBe(503);
      expect(runs.json).toMatchObject({ error: 'service_unavailable', message: expect.stringContaining('PostgreSQL') });
    } finally {
      await deadPool.end();
    }
  });
});
