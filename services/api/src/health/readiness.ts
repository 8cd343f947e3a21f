import type { Pool } from '@shopserve-sync/db';
import type { Redis } from 'ioredis';
import { within } from '../within.ts';

export type CheckResult = { ok: true } | { ok: false; error: string };

export interface Readiness {
  ready: boolean;
  checks: { redis: CheckResult; postgresql: CheckResult };
}

async function probe(what: string, work: () => Promise<unknown>, ms: number): Promise<CheckResult> {
  try {
    await within(work(), ms, what);
    return { ok: true };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Whether both servers answer: Redis `PING` and PostgreSQL `SELECT 1`, in parallel, each given
 * `timeoutMs`. A Redis connection that is down fails at once (producers keep no offline queue).
 */
export async function checkReadiness(deps: { redis: Redis; pool: Pool }, timeoutMs: number): Promise<Readiness> {
  const [redis, postgresql] = await Promise.all([
    probe('PING', () => deps.redis.ping(), timeoutMs),
    probe('SELECT 1', () => deps.pool.query('SELECT 1'), timeoutMs),
  ]);
  return { ready: redis.ok && postgresql.ok, checks: { redis, postgresql } };
}
