import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { runner } from 'node-pg-migrate';
import type { Logger } from '@shopserve-sync/logger';

export const SERVICE_SCHEMA = 'shopserve_sync';
export const migrationsDir = fileURLToPath(new URL('../migrations', import.meta.url));

/**
 * Brings the database up to date: the OMS tables when missing, then the service's schema. Safe to
 * run from several processes at once (they wait on one advisory lock) and any number of times.
 * Returns the names of the migrations this call applied.
 */
export async function migrate(
  databaseUrl: string,
  options: { log?: Logger; /** Apply at most this many; default all. */ count?: number } = {},
): Promise<string[]> {
  const { log, count } = options;
  // Our own client, so that it is closed (awaited) before we return; the runner would leave it closing.
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'shopserve-sync-migrate' });
  await client.connect();
  try {
    return await runMigrations(client, log, count);
  } finally {
    await client.end();
  }
}

async function runMigrations(client: pg.Client, log: Logger | undefined, count: number | undefined): Promise<string[]> {
  const applied = await runner({
    ...(count === undefined ? {} : { count }),
    dbClient: client,
    dir: migrationsDir,
    direction: 'up',
    migrationsTable: 'migrations',
    migrationsSchema: SERVICE_SCHEMA,
    createMigrationsSchema: true,
    checkOrder: true,
    singleTransaction: true,
    advisoryLockMode: 'wait',
    logger: {
      debug: () => undefined,
      info: (message) => log?.debug({ migrate: message }, 'migration'),
      warn: (message) => log?.warn({ migrate: message }, 'migration'),
      error: (message) => log?.error({ migrate: message }, 'migration'),
    },
  });
  return applied.map((migration) => migration.name);
}
