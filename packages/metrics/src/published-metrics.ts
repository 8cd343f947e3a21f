import type { Redis } from 'ioredis';
import { AggregatorRegistry, type MetricObjectWithValues, type MetricValue, type Registry } from 'prom-client';
import { metricsKeyPrefix } from './metrics-keys.ts';

export type MetricsSnapshot = MetricObjectWithValues<MetricValue<string>>[];

/** Keys read per MGET. */
const BATCH = 100;

/**
 * Every snapshot the deployment's processes have published and that has not expired. A snapshot
 * that is not a JSON array (written by something else) is left out.
 */
export async function readPublishedMetrics(redis: Redis, prefix: string): Promise<MetricsSnapshot[]> {
  const keys: string[] = [];
  const stream = redis.scanStream({ match: `${metricsKeyPrefix(prefix)}*`, count: 100 });
  for await (const found of stream as AsyncIterable<string[]>) keys.push(...found);
  const snapshots: MetricsSnapshot[] = [];
  for (let start = 0; start < keys.length; start += BATCH) {
    const values = await redis.mget(keys.slice(start, start + BATCH));
    for (const value of values) {
      const snapshot = parseSnapshot(value);
      if (snapshot) snapshots.push(snapshot);
    }
  }
  return snapshots;
}

function parseSnapshot(value: string | null): MetricsSnapshot | undefined {
  if (value === null) return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? (parsed as MetricsSnapshot) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * One registry of many processes' metrics: counters and histograms summed across processes,
 * gauges as prom-client's aggregator defines for each (sum unless a metric says otherwise).
 */
export async function aggregateMetrics(
  own: readonly Registry[],
  published: readonly MetricsSnapshot[],
): Promise<Registry> {
  const ownSnapshots = await Promise.all(own.map((registry) => registry.getMetricsAsJSON()));
  return AggregatorRegistry.aggregate([...ownSnapshots, ...published]);
}
