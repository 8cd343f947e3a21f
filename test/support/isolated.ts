import { Redis } from 'ioredis';
import pg from 'pg';
import { inject } from 'vitest';
import { createPool, type Pool } from '@shopserve-sync/db';
import { quoteIdentifier, uniqueName, withDatabase } from './database-names.ts';

export interface IsolatedDatabase extends AsyncDisposable {
  /** The migrated database's URL, for code under test and child processes. */
  url: string;
  name: string;
  pool: Pool;
}

async function adminQuery(sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: inject('adminDatabaseUrl') });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/** A migrated database of this test's own, dropped on dispose. */
export async function isolatedDatabase(): Promise<IsolatedDatabase> {
  const name = uniqueName('ssync_test');
  await adminQuery(`CREATE DATABASE ${quoteIdentifier(name)} TEMPLATE ${quoteIdentifier(inject('templateDatabase'))}`);
  const url = withDatabase(inject('adminDatabaseUrl'), name);
  const pool = createPool(url, { max: 5, applicationName: 'shopserve-sync-test' });
  return {
    url,
    name,
    pool,
    async [Symbol.asyncDispose]() {
      await pool.end();
      await adminQuery(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`);
    },
  };
}

export interface IsolatedQueues extends AsyncDisposable {
  redisUrl: string;
  /** A BullMQ prefix (`QUEUE_PREFIX`) no other test uses; its keys are deleted on dispose. */
  prefix: string;
}

/** An own `QUEUE_PREFIX` on the shared Redis, with every key under it removed on dispose. */
export function isolatedQueues(): IsolatedQueues {
  const redisUrl = inject('redisUrl');
  const prefix = uniqueName('ssync-test');
  return {
    redisUrl,
    prefix,
    async [Symbol.asyncDispose]() {
      const redis = new Redis(redisUrl);
      try {
        const stream = redis.scanStream({ match: `${prefix}:*`, count: 500 });
        for await (const keys of stream as AsyncIterable<string[]>) {
          if (keys.length > 0) await redis.unlink(...keys);
        }
      } finally {
        redis.disconnect();
      }
    },
  };
}

/** The environment a child process of the service needs to use this test's own servers. */
export function serviceEnv(database: IsolatedDatabase, queues: IsolatedQueues): Record<string, string> {
  return { DATABASE_URL: database.url, REDIS_URL: queues.redisUrl, QUEUE_PREFIX: queues.prefix };
}
