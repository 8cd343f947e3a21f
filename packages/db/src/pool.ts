import pg from 'pg';

export type Pool = pg.Pool;
export type PoolClient = pg.PoolClient;

// bigint ids (int8) arrive as strings by default; OMS order ids fit a JS number for decades.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
// A `date` is a calendar date in Japan time: keep it as 'YYYY-MM-DD', never a local-midnight Date.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

export interface CreatePoolOptions {
  /** Most connections this process opens. Default 10. */
  max?: number;
  /** Shown in pg_stat_activity, to tell processes apart. */
  applicationName?: string;
  /** Told when an idle connection fails (PostgreSQL restarted, the connection was cut). */
  onIdleError?: (error: Error) => void;
}

/**
 * A pool of connections. An idle connection that fails is dropped and replaced on the next query;
 * pg reports it as an `error` event of the pool, which, with no listener, would end the process.
 */
export function createPool(databaseUrl: string, options: CreatePoolOptions = {}): Pool {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: options.max ?? 10,
    application_name: options.applicationName ?? 'shopserve-sync',
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
  });
  pool.on('error', options.onIdleError ?? (() => undefined));
  return pool;
}

/** Runs `work` in one transaction on one connection: committed when it returns, rolled back when it throws. */
export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
