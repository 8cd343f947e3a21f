import { describe, expect, it } from 'vitest';
import { isolatedDatabase } from '../../../test/support/isolated.ts';
import { createPool } from './pool.ts';

describe('createPool', () => {
  it('survives an idle connection being cut, tells onIdleError, and serves the next query', async () => {
    await using db = await isolatedDatabase();
    const failures: Error[] = [];
    let resolve = (): void => undefined;
    const told = new Promise<void>((settle) => {
      resolve = settle;
    });
    const pool = createPool(db.url, {
      max: 1,
      applicationName: 'shopserve-sync-pool-test',
      onIdleError: (error) => {
        failures.push(error);
        resolve();
      },
    });
    try {
      const { rows } = await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      await db.pool.query('SELECT pg_terminate_backend($1)', [rows[0]?.pid]);
      await told;
      expect(failures).toHaveLength(1);
      expect((await pool.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    } finally {
      await pool.end();
    }
  });
});
