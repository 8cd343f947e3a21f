import type { Redis } from 'ioredis';
import type { Registry } from 'prom-client';
import { metricsKey } from './metrics-keys.ts';

export interface MetricsPublisherOptions {
  redis: Redis;
  /** `QUEUE_PREFIX`: one deployment's processes publish beside its queues. */
  prefix: string;
  registry: Registry;
  /** Unique per process (e.g. host name and pid); names the key. */
  processId: string;
  /** How often the registry is written. Default 5,000 ms. */
  everyMs?: number;
  /**
   * How long a snapshot outlives its last write. Default three periods, at least 30 s: a process
   * that died drops out of `/metrics` on its own, one slow write does not.
   */
  ttlMs?: number;
  /** Told about a failed write; the publisher keeps going (Redis may come back). */
  onError?: (error: unknown) => void;
}

/** Stops publishing and removes the snapshot, so a stopped process leaves `/metrics` at once. */
export type StopMetricsPublisher = () => Promise<void>;

/**
 * Publishes a process's prom-client registry to Redis as JSON (`getMetricsAsJSON`) every few
 * seconds with a TTL, for processes without an HTTP server of their own (workers): the API's
 * `/metrics` aggregates every snapshot it finds. A write never overlaps the one before it.
 */
export function startMetricsPublisher(options: MetricsPublisherOptions): StopMetricsPublisher {
  const { redis, registry } = options;
  const everyMs = options.everyMs ?? 5_000;
  const ttlMs = options.ttlMs ?? Math.max(30_000, 3 * everyMs);
  const key = metricsKey(options.prefix, options.processId);
  let inFlight: Promise<void> | undefined;
  let stopped = false;

  const publish = async (): Promise<void> => {
    const snapshot = await registry.getMetricsAsJSON();
    await redis.set(key, JSON.stringify(snapshot), 'PX', ttlMs);
  };
  const tick = (): void => {
    if (stopped || inFlight) return;
    inFlight = publish()
      .catch((error: unknown) => options.onError?.(error))
      .finally(() => {
        inFlight = undefined;
      });
  };

  tick();
  const timer = setInterval(tick, everyMs);
  timer.unref();

  return async () => {
    if (stopped) return;
    stopped = true;
    clearInterval(timer);
    await inFlight;
    await redis.del(key).catch((error: unknown) => options.onError?.(error));
  };
}
