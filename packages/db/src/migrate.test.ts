import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { inject, describe, expect, it } from 'vitest';
import { quoteIdentifier, uniqueName, withDatabase } from '../../../test/support/database-names.ts';
import { migrate, migrationsDir } from './migrate.ts';

/** A fresh, empty database (not the migrated template), dropped afterwards. */
async function emptyDatabase(): Promise<{ url: string } & AsyncDisposable> {
  const name = uniqueName('ssync_mig');
  const admin = new pg.Client({ connectionString: inject('adminDatabaseUrl') });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${quoteIdentifier(name)}`);
  return {
    url: withDatabase(inject('adminDatabaseUrl'), name),
    async [Symbol.asyncDispose]() {
      await admin.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** Every table, column and index of the database: what a migration could change. */
async function schemaSnapshot(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const columns = await client.query(
      `SELECT table_schema, table_name, column_name, data_type, is_nullable, column_default
         FROM information_schema.columns
        WHERE table_schema IN ('public', 'shopserve_sync')
        ORDER BY 1, 2, 3`,
    );
    const indexes = await client.query(
      `SELECT schemaname, indexname, indexdef FROM pg_indexes
        WHERE schemaname IN ('public', 'shopserve_sync') ORDER BY 1, 2`,
    );
    const ledger = await client.query('SELECT name FROM shopserve_sync.migrations ORDER BY id');
    return JSON.stringify({ columns: columns.rows, indexes: indexes.rows, ledger: ledger.rows });
  } finally {
    await client.end();
  }
}

describe('migrate', () => {
  it('creates the OMS tables and the service schema on an empty database, and a second run changes nothing', async () => {
    await using database = await emptyDatabase();
    const first = await migrate(database.url);
    expect(first.length).toBeGreaterThanOrEqual(2);
    const afterFirst = await schemaSnapshot(database.url);
    expect(afterFirst).toContain('"table_name":"orders"');
    expect(afterFirst).toContain('"table_name":"shop_settings"');

    expect(await migrate(database.url)).toEqual([]);
    expect(await schemaSnapshot(database.url)).toBe(afterFirst);
  });

  it('upgrades a database left at an older version', async () => {
    await using database = await emptyDatabase();
    await migrate(database.url, { count: 1 });
    const older = await schemaSnapshot(database.url);
    expect(older).not.toContain('shop_settings');

    const applied = await migrate(database.url);
    expect(applied.length).toBeGreaterThanOrEqual(1);
    expect(await schemaSnapshot(database.url)).toContain('shop_settings');
  });

  it('keeps OMS data that already exists', async () => {
    await using database = await emptyDatabase();
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await client.query(readFileSync(join(migrationsDir, '001_oms-tables.sql'), 'utf8'));
    await client.query(`INSERT INTO shops (id, name) VALUES ('shop-001', '既存ショップ')`);
    await client.end();

    await migrate(database.url);
    const check = new pg.Client({ connectionString: database.url });
    await check.connect();
    const { rows } = await check.query('SELECT name FROM shops');
    await check.end();
    expect(rows).toEqual([{ name: '既存ショップ' }]);
  });

  it('lets several processes migrate at once', async () => {
    await using database = await emptyDatabase();
    const results = await Promise.all([migrate(database.url), migrate(database.url), migrate(database.url)]);
    expect(results.flat().sort()).toEqual((await readMigrationNames()).sort());
  });
});

async function readMigrationNames(): Promise<string[]> {
  const { readdir } = await import('node:fs/promises');
  return (await readdir(migrationsDir)).filter((f) => f.endsWith('.sql')).map((f) => f.replace(/\.sql$/, ''));
}

const contractSchema = join(import.meta.dirname, '../../../../shared/contracts/oms-schema.sql');

describe('the OMS migration', () => {
  it.skipIf(!existsSync(contractSchema))('is the contract’s oms-schema.sql, statement for statement', () => {
    const statements = (sql: string) =>
      sql
        .split('\n')
        .filter((line) => !line.trimStart().startsWith('--'))
        .join('\n')
        .trim();
    expect(statements(readFileSync(join(migrationsDir, '001_oms-tables.sql'), 'utf8'))).toBe(
      statements(readFileSync(contractSchema, 'utf8')),
    );
  });
});
