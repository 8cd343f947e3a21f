import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import type { Pool } from '@shopserve-sync/db';
import type { Logger } from '@shopserve-sync/logger';
import { aggregateMetrics, readPublishedMetrics, type MetricsSnapshot } from '@shopserve-sync/metrics';
import type { ServiceQueues } from '@shopserve-sync/queue';
import type { Redis } from 'ioredis';
import { within } from '../within.ts';

/** How long a scrape waits for each source. */
const SOURCE_TIMEOUT_MS = 2_000;

/** The job states Bull Board shows, as BullMQ counts them. */
const JOB_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'completed', 'failed'] as const;

export interface ApiMetricsDeps {
  pool: Pool;
  queues: ServiceQueues;
  redis: Redis;
  /** `QUEUE_PREFIX`: where the workers publish their registries. */
  prefix: string;
  log: Logger;
}

export interface ApiMetrics {
  /** This process's own metrics. */
  registry: Registry;
  /** The Prometheus text of this process's metrics and every worker's published ones, aggregated. */
  render(): Promise<{ contentType: string; body: string }>;
}

type Source = 'redis' | 'postgresql';

interface RunDurationRow {
  trigger: string;
  avg: number;
  max: number;
  p95: number;
  last: number;
}

/**
 * The API's `/metrics`: queue depths (BullMQ), runs and push outcomes (from the database, so they
 * are right whichever process did the work, and survive restarts), process metrics, and the
 * workers' own counters as they publish them to Redis. Everything is read afresh on each scrape;
 * a server that does not answer leaves its series out and shows as
 * `shopserve_sync_metrics_source_up{source} 0`.
 */
export function createApiMetrics(deps: ApiMetricsDeps): ApiMetrics {
  const { pool, queues, log } = deps;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const sourceUp = new Gauge({
    name: 'shopserve_sync_metrics_source_up',
    help: 'Whether the last scrape could read this source (1) or not (0)',
    labelNames: ['source'],
    registers: [registry],
  });
  const queueJobs = new Gauge({
    name: 'shopserve_sync_queue_jobs',
    help: 'Jobs in each BullMQ queue by state',
    labelNames: ['queue', 'state'],
    registers: [registry],
  });
  const runs = new Gauge({
    name: 'shopserve_sync_export_runs',
    help: 'Export runs recorded, by trigger and state',
    labelNames: ['trigger', 'state'],
    registers: [registry],
  });
  const runDuration = new Gauge({
    name: 'shopserve_sync_export_run_duration_seconds',
    help: 'Creation to completion of the export runs completed in the last 24 hours, by trigger (stat: avg, max, p95)',
    labelNames: ['trigger', 'stat'],
    registers: [registry],
  });
  const lastRunDuration = new Gauge({
    name: 'shopserve_sync_export_run_last_duration_seconds',
    help: 'Creation to completion of the latest export run completed in the last 24 hours, by trigger',
    labelNames: ['trigger'],
    registers: [registry],
  });
  const pushOutcomes = new Gauge({
    name: 'shopserve_sync_push_outcomes',
    help: 'Ended pushes recorded, by outcome (updated, tracking_number_missing, failed) and failure reason ("" unless failed)',
    labelNames: ['outcome', 'reason'],
    registers: [registry],
  });

  async function read(source: Source, gauges: readonly Gauge[], work: () => Promise<void>): Promise<void> {
    for (const gauge of gauges) gauge.reset();
    try {
      // BullMQ waits for a connection that was never up; a scrape must not.
      if (source === 'redis' && deps.redis.status !== 'ready')
        throw new Error(`Redis connection is ${deps.redis.status}`);
      await within(work(), SOURCE_TIMEOUT_MS, source);
    } catch (error) {
      sourceUp.set({ source }, 0);
      log.debug({ err: error, source }, 'metrics source unreadable'); // shopserve_sync_metrics_source_up says it
    }
  }

  const readQueues = () =>
    read('redis', [queueJobs], async () => {
      for (const queue of [queues.exportRuns, queues.shippingUpdates]) {
        const counts = await queue.getJobCounts(...JOB_STATES);
        for (const state of JOB_STATES) queueJobs.set({ queue: queue.name, state }, counts[state] ?? 0);
      }
    });

  const readRuns = () =>
    read('postgresql', [runs], async () => {
      const { rows } = await pool.query<{ trigger: string; state: string; runs: number }>(
        'SELECT trigger, state, count(*)::int AS runs FROM shopserve_sync.export_runs GROUP BY 1, 2',
      );
      for (const row of rows) runs.set({ trigger: row.trigger, state: row.state }, row.runs);
    });

  const readRunDurations = () =>
    read('postgresql', [runDuration, lastRunDuration], async () => {
      const { rows } = await pool.query<RunDurationRow>(
        `SELECT trigger,
                avg(seconds)::float8 AS avg, max(seconds)::float8 AS max,
                percentile_cont(0.95) WITHIN GROUP (ORDER BY seconds)::float8 AS p95,
                (array_agg(seconds ORDER BY finished_at DESC))[1]::float8 AS last
           FROM (SELECT trigger, finished_at, extract(epoch FROM finished_at - created_at) AS seconds
                   FROM shopserve_sync.export_runs
                  WHERE state = 'completed' AND finished_at > now() - interval '24 hours') recent
          GROUP BY trigger`,
      );
      for (const row of rows) {
        for (const stat of ['avg', 'max', 'p95'] as const) runDuration.set({ trigger: row.trigger, stat }, row[stat]);
        lastRunDuration.set({ trigger: row.trigger }, row.last);
      }
    });

  const readPushOutcomes = () =>
    read('postgresql', [pushOutcomes], async () => {
      const { rows } = await pool.query<{ outcome: string; reason: string | null; pushes: number }>(
        'SELECT outcome, reason, count(*)::int AS pushes FROM shopserve_sync.push_outcomes GROUP BY 1, 2',
      );
      for (const row of rows) pushOutcomes.set({ outcome: row.outcome, reason: row.reason ?? '' }, row.pushes);
    });

  return {
    registry,
    async render() {
      sourceUp.set({ source: 'redis' }, 1);
      sourceUp.set({ source: 'postgresql' }, 1);
      let published: MetricsSnapshot[] = [];
      await Promise.all([
        readQueues(),
        readRuns(),
        readRunDurations(),
        readPushOutcomes(),
        read('redis', [], async () => {
          published = await readPublishedMetrics(deps.redis, deps.prefix);
        }),
      ]);
      const merged = await aggregateMetrics([registry], published);
      return { contentType: registry.contentType, body: await merged.metrics() };
    },
  };
}
