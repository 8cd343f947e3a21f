import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { migrate } from '@shopserve-sync/db';
import { quoteIdentifier, uniqueName, withDatabase } from '../support/database-names.ts';

/** Benchmarks use the contract's local servers unless told otherwise. */
export const benchRedisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
export const adminDatabaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface BenchDatabase extends AsyncDisposable {
  url: string;
  name: string;
}

/** A migrated database of the benchmark's own, dropped afterwards. */
export async function benchDatabase(): Promise<BenchDatabase> {
  const name = uniqueName('ssync_bench');
  const admin = new pg.Client({ connectionString: adminDatabaseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${quoteIdentifier(name)}`);
  const url = withDatabase(adminDatabaseUrl, name);
  await migrate(url);
  return {
    url,
    name,
    async [Symbol.asyncDispose]() {
      await admin.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`);
      await admin.end();
    },
  };
}

export function benchPrefix(): string {
  return uniqueName('ssync-bench');
}

/** Deletes every Redis key under `prefix` (SCAN, not KEYS: the Redis may be shared). */
export async function deletePrefix(prefix: string): Promise<void> {
  const redis = new Redis(benchRedisUrl);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** `prefix` for one measured system, its keys deleted on dispose (failures included). */
export function benchQueuePrefix(): { prefix: string } & AsyncDisposable {
  const prefix = benchPrefix();
  return { prefix, [Symbol.asyncDispose]: () => deletePrefix(prefix) };
}

/** How many repetitions: `BENCH_REPETITIONS`, else the benchmark's own number (at least 3). */
export function repetitions(fallback = 3): number {
  return Number(process.env.BENCH_REPETITIONS ?? fallback);
}

export interface Spread {
  median: number;
  min: number;
  max: number;
  values: number[];
}

export function spread(values: readonly number[]): Spread {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values), values: [...values] };
}

/** "median (min–max)" for a table cell. */
export function cell(values: readonly number[], digits = 0): string {
  const { median: mid, min, max } = spread(values);
  return values.length > 1
    ? `${mid.toFixed(digits)} (${min.toFixed(digits)}–${max.toFixed(digits)})`
    : mid.toFixed(digits);
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? NaN)
    : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
}

export function machine(): { cores: number; memoryGiB: number; node: string; platform: string } {
  return {
    cores: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
}

/** Writes a benchmark's figures under test/bench/results/ (git-ignored) and returns the path. */
export function writeResult(name: string, result: unknown): string {
  const dir = join(import.meta.dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}-${new Date().toISOString().replaceAll(':', '-')}.json`);
  writeFileSync(
    path,
    `${JSON.stringify({ name, machine: machine(), at: new Date().toISOString(), result }, null, 2)}\n`,
  );
  return path;
}
