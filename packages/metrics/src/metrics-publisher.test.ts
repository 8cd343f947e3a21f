import { Redis } from 'ioredis';
import { Counter, Gauge, Registry } from 'prom-client';
import { describe, expect, it, vi } from 'vitest';
import { isolatedQueues } from '../../../test/support/isolated.ts';
import { aggregateMetrics, metricsKey, readPublishedMetrics, startMetricsPublisher } from './index.ts';

function registryWith(pushes: number, inFlight: number): Registry {
  const registry = new Registry();
  new Counter({ name: 'test_pushes_total', help: 'pushes', labelNames: ['outcome'], registers: [registry] }).inc(
    { outcome: 'updated' },
    pushes,
  );
  new Gauge({ name: 'test_in_flight', help: 'in flight', registers: [registry] }).set(inFlight);
  return registry;
}

describe('metrics publishing', () => {
  it('publishes each process’s registry with a TTL, aggregates them, and removes a stopped one', async () => {
    await using queues = isolatedQueues();
    const redis = new Redis(queues.redisUrl);
    try {
      const stopA = startMetricsPublisher({
        redis,
        prefix: queues.prefix,
        registry: registryWith(2, 1),
        processId: 'host-a-1',
        everyMs: 50,
      });
      const stopB = startMetricsPublisher({
        redis,
        prefix: queues.prefix,
        registry: registryWith(5, 4),
        processId: 'host-b-2',
        everyMs: 50,
      });
      await vi.waitFor(async () => {
        expect(await readPublishedMetrics(redis, queues.prefix)).toHaveLength(2);
      });
      const ttl = await redis.pttl(metricsKey(queues.prefix, 'host-a-1'));
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(30_000);

      const own = new Registry();
      new Gauge({ name: 'test_queue_depth', help: 'depth', registers: [own] }).set(9);
      const merged = await aggregateMetrics([own], await readPublishedMetrics(redis, queues.prefix));
      const text = await merged.metrics();
      expect(text).toContain('test_pushes_total{outcome="updated"} 7');
      expect(text).toContain('test_in_flight 5');
      expect(text).toContain('test_queue_depth 9');

      await stopA();
      expect(await redis.exists(metricsKey(queues.prefix, 'host-a-1'))).toBe(0);
      expect(await readPublishedMetrics(redis, queues.prefix)).toHaveLength(1);
      await stopB();
      expect(await readPublishedMetrics(redis, queues.prefix)).toEqual([]);
    } finally {
      redis.disconnect();
    }
  });

  it('ignores a key under the prefix that holds no snapshot', async () => {
    await using queues = isolatedQueues();
    const redis = new Redis(queues.redisUrl);
    try {
      await redis.set(metricsKey(queues.prefix, 'broken'), 'not json');
      await redis.set(metricsKey(queues.prefix, 'object'), '{"a":1}');
      expect(await readPublishedMetrics(redis, queues.prefix)).toEqual([]);
    } finally {
      redis.disconnect();
    }
  });
});
