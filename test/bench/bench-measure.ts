// Where the time goes: Redis commands (INFO commandstats), PostgreSQL transactions and tuples
// (pg_stat_database of the benchmark's own database) and CPU seconds per process.
import type { Redis } from 'ioredis';
import pg from 'pg';
import { processCpuSeconds } from './bench-processes.ts';

export interface RedisSnapshot {
  commands: Map<string, { calls: number; usec: number }>;
  cpuSeconds: number;
}

/** Redis's command counters and its own CPU time. Server-wide: other clients of a shared Redis count too. */
export async function redisSnapshot(redis: Redis): Promise<RedisSnapshot> {
  const [commandstats, cpu] = await Promise.all([redis.info('commandstats'), redis.info('cpu')]);
  const commands = new Map<string, { calls: number; usec: number }>();
  for (const match of commandstats.matchAll(/^cmdstat_([^:]+):calls=(\d+),usec=(\d+)/gm)) {
    commands.set(match[1] ?? '', { calls: Number(match[2]), usec: Number(match[3]) });
  }
  const field = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(cpu)?.[1] ?? 0);
  return { commands, cpuSeconds: field('used_cpu_user') + field('used_cpu_sys') };
}

export interface RedisFigures {
  /** Every command Redis executed, per job; commands run inside Lua scripts count one each too. */
  commandsPerJob: number;
  /** Script calls (EVALSHA, EVAL, FCALL) per job: most of BullMQ's round trips. */
  scriptCallsPerJob: number;
  /** Microseconds Redis spent executing commands, per job. */
  usecPerJob: number;
  cpuSeconds: number;
  /** The commands that were called most, per job. */
  top: Record<string, number>;
}

export function redisFigures(before: RedisSnapshot, after: RedisSnapshot, jobs: number): RedisFigures {
  let calls = 0;
  let usec = 0;
  let scriptCalls = 0;
  const deltas: [string, number][] = [];
  for (const [name, now] of after.commands) {
    const then = before.commands.get(name) ?? { calls: 0, usec: 0 };
    const delta = now.calls - then.calls;
    if (delta <= 0) continue;
    // INFO itself (ours) is not the system's.
    if (name === 'info') continue;
    calls += delta;
    usec += now.usec - then.usec;
    if (['evalsha', 'eval', 'fcall', 'evalsha_ro', 'eval_ro'].includes(name)) scriptCalls += delta;
    deltas.push([name, delta]);
  }
  deltas.sort((a, b) => b[1] - a[1]);
  return {
    commandsPerJob: calls / jobs,
    scriptCallsPerJob: scriptCalls / jobs,
    usecPerJob: usec / jobs,
    cpuSeconds: after.cpuSeconds - before.cpuSeconds,
    top: Object.fromEntries(deltas.slice(0, 8).map(([name, delta]) => [name, round(delta / jobs, 2)])),
  };
}

const PG_COUNTERS = [
  'xact_commit',
  'xact_rollback',
  'tup_returned',
  'tup_fetched',
  'tup_inserted',
  'tup_updated',
  'tup_deleted',
] as const;
type PgCounter = (typeof PG_COUNTERS)[number];
export type PgSnapshot = Record<PgCounter, number>;

/**
 * pg_stat_database of one database. A backend reports its counters when it goes idle (at most
 * once a second) and when it exits: read the final snapshot after the measured processes ended.
 */
export async function pgSnapshot(adminUrl: string, database: string): Promise<PgSnapshot> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<Record<PgCounter, string>>(
      `SELECT ${PG_COUNTERS.join(', ')} FROM pg_stat_database WHERE datname = $1`,
      [database],
    );
    const row = rows[0];
    return Object.fromEntries(PG_COUNTERS.map((name) => [name, Number(row?.[name] ?? 0)])) as PgSnapshot;
  } finally {
    await client.end();
  }
}

export function pgFigures(before: PgSnapshot, after: PgSnapshot, jobs: number): Record<string, number> {
  return Object.fromEntries(
    PG_COUNTERS.map((name) => [
      `${name.replace('xact_', 'xacts_').replace('tup_', 'tuples_')}PerJob`,
      round((after[name] - before[name]) / jobs, 2),
    ]),
  );
}

export type BackendCpu = Map<number, { application: string; seconds: number }>;

/** CPU seconds of every PostgreSQL backend connected to `database` now, by pid. */
export async function pgBackendCpu(adminUrl: string, database: string): Promise<BackendCpu> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number; application_name: string }>(
      'SELECT pid, application_name FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [database],
    );
    return new Map(
      rows.map((row) => [row.pid, { application: row.application_name, seconds: processCpuSeconds(row.pid) }]),
    );
  } finally {
    await client.end();
  }
}

/**
 * CPU the backends alive at the end spent since `before`, by the application connected to them
 * ("postgres for shopserve-sync-worker"); backends that ended earlier are missed.
 */
export function pgBackendCpuSeconds(before: BackendCpu, after: BackendCpu): Record<string, number> {
  const seconds: Record<string, number> = {};
  for (const [pid, now] of after) {
    const key = `postgres for ${now.application.replace('shopserve-sync-', '') || '?'}`;
    seconds[key] = (seconds[key] ?? 0) + now.seconds - (before.get(pid)?.seconds ?? 0);
  }
  return seconds;
}

export function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/**
 * What the PostgreSQL backends of `database` are doing, sampled every `everyMs` until stopped:
 * per application, how many samples found a backend running (CPU), waiting for a lock, for WAL
 * to reach the disk, etc. Idle backends are not counted.
 */
export function sampleBackendWaits(
  adminUrl: string,
  database: string,
  everyMs = 50,
): { stop(): Promise<Record<string, Record<string, number>>> } {
  const client = new pg.Client({ connectionString: adminUrl });
  const counts: Record<string, Record<string, number>> = {};
  // An object, not a let: the loop reads what stop() set meanwhile.
  const state = { stopped: false };
  const loop = (async () => {
    await client.connect();
    while (!state.stopped) {
      const { rows } = await client.query<{ application_name: string; wait: string }>(
        `SELECT application_name, coalesce(wait_event_type || ':' || wait_event, 'running') AS wait
           FROM pg_stat_activity
          WHERE datname = $1 AND pid <> pg_backend_pid() AND state <> 'idle'`,
        [database],
      );
      for (const row of rows) {
        const application = row.application_name.replace('shopserve-sync-', '') || '?';
        const byWait = (counts[application] ??= {});
        byWait[row.wait] = (byWait[row.wait] ?? 0) + 1;
      }
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
    await client.end();
  })();
  return {
    async stop() {
      state.stopped = true;
      await loop;
      return counts;
    },
  };
}
