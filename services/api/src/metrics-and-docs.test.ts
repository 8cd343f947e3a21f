import { OpenAPIBackend, type Document } from 'openapi-backend';
import { Counter, Registry } from 'prom-client';
import { Redis } from 'ioredis';
import { describe, expect, it, vi } from 'vitest';
import { createRun, recordPushOutcome } from '@shopserve-sync/db';
import { startMetricsPublisher } from '@shopserve-sync/metrics';
import { seedOrders, seedShop, startTestApi } from './testing/api.fixture.ts';

/** A worker's registry as the worker defines it, with `count` updated pushes. */
function workerRegistry(count: number): Registry {
  const registry = new Registry();
  const pushJobs = new Counter({
    name: 'shopserve_sync_push_jobs_total',
    help: 'Push jobs by final outcome and failure reason',
    labelNames: ['outcome', 'reason'],
    registers: [registry],
  });
  pushJobs.inc({ outcome: 'updated', reason: '' }, count);
  return registry;
}

describe('GET /metrics', () => {
  it('shows queue depths, runs, push outcomes and every worker’s published counters, summed', async () => {
    await using api = await startTestApi();
    await seedShop(api.db.pool, 'shop-001', { orderApiEnabled: true });
    const [orderId = 0] = await seedOrders(api.db.pool, 'shop-001', [{ orderNumber: '10000001' }]);
    await createRun(api.db.pool, {
      trigger: 'manual',
      shopIds: null,
      window: { from: new Date(), to: new Date() },
      force: false,
    });
    expect((await api.call('POST', `/v1/orders/${orderId}/push`)).status).toBe(202);
    const outcome = {
      orderId,
      shopId: 'shop-001',
      orderNumber: '10000001',
      contentHash: 'aaaaaaaaaaaaaaaa',
      attempts: 1,
    };
    await recordPushOutcome(api.db.pool, { ...outcome, jobId: 'push-a', outcome: 'tracking_number_missing' });
    await recordPushOutcome(api.db.pool, {
      ...outcome,
      jobId: 'push-b',
      outcome: 'failed',
      reason: 'unknown_carrier',
      error: 'x',
    });

    // Two worker processes, as each publishes its registry.
    const redis = new Redis(api.queues.redisUrl);
    const stops = [2, 3].map((count, index) =>
      startMetricsPublisher({
        redis,
        prefix: api.queues.prefix,
        registry: workerRegistry(count),
        processId: `worker-${index}`,
        everyMs: 60_000,
      }),
    );
    await vi.waitFor(async () => {
      expect(await redis.exists(`${api.queues.prefix}:metrics:worker-0`, `${api.queues.prefix}:metrics:worker-1`)).toBe(
        2,
      );
    });

    const response = await api.call('GET', '/metrics', { token: null });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = response.text;
    expect(text).toContain('shopserve_sync_queue_jobs{queue="shipping-updates",state="waiting"} 1');
    expect(text).toContain('shopserve_sync_queue_jobs{queue="export-runs",state="failed"} 0');
    expect(text).toContain('shopserve_sync_export_runs{trigger="manual",state="queued"} 1');
    expect(text).toContain('shopserve_sync_push_outcomes{outcome="tracking_number_missing",reason=""} 1');
    expect(text).toContain('shopserve_sync_push_outcomes{outcome="failed",reason="unknown_carrier"} 1');
    expect(text).toContain('shopserve_sync_push_jobs_total{outcome="updated",reason=""} 5');
    expect(text).toContain('shopserve_sync_metrics_source_up{source="redis"} 1');
    expect(text).toMatch(/^process_cpu_user_seconds_total \d/m);

    for (const stop of stops) await stop();
    redis.disconnect();
    const after = await api.call('GET', '/metrics', { token: null });
    expect(after.text).not.toContain('shopserve_sync_push_jobs_total');
  });
});

describe('GET /docs', () => {
  it('serves a valid OpenAPI document listing every contract route, and Swagger UI', async () => {
    await using api = await startTestApi();
    const response = await api.call('GET', '/docs/json', { token: null });
    expect(response.status).toBe(200);
    const document = response.json as Document;
    const backend = new OpenAPIBackend({ definition: document, strict: true, quick: false, validate: true });
    await backend.init();
    expect(() => backend.validateDefinition()).not.toThrow();

    const routes = Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
      Object.keys(item ?? {}).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(routes.sort()).toEqual(
      [
        'POST /v1/exports',
        'GET /v1/exports',
        'GET /v1/exports/{runId}',
        'POST /v1/orders/{orderId}/push',
        'GET /v1/orders/{orderId}/sync',
        'PUT /v1/shops/{shopId}/shopserve-settings',
        'GET /v1/shops/{shopId}/shopserve-settings',
        'GET /healthz',
        'GET /readyz',
        'GET /metrics',
      ].sort(),
    );
    const post = document.paths?.['/v1/exports']?.post;
    expect(post?.security).toEqual([{ bearerAuth: [] }]);
    expect(Object.keys(post?.responses ?? {})).toEqual(
      expect.arrayContaining(['200', '202', '400', '401', '404', '409']),
    );
    const shown = document.components?.schemas?.ShopSettings as { properties: Record<string, unknown> };
    expect(Object.keys(shown.properties)).not.toContain('authKey');

    const ui = await fetch(`${api.url}/docs`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('swagger-ui');
  });
});
