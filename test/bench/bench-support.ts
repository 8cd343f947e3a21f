import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { migrate } from '@shopserve-sync/db';
import { quoteIdentifier, uniqueName, withDatabase } from '../support/database-names.ts';

/** Benchmarks use the contract's local servers unless told otherwise. */
export const benchRedisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const adminDatabaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface BenchDatabase extends AsyncDisposable {
  url: string;
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
    async [Symbol.asyncDispose]() {
      await admin.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`);
      await admin.end();
    },
  };
}

export function benchPrefix(): string {
  return uniqueName('ssync-bench');
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
