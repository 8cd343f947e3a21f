import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import pg from 'pg';

/**
 * Where the tests' Redis and PostgreSQL come from, in this order: `REDIS_URL` / `DATABASE_URL`
 * when set; containers started by testcontainers when a Docker engine answers; else the
 * contract's local defaults.
 */
export const LOCAL_REDIS_URL = 'redis://127.0.0.1:6379';
export const LOCAL_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestServers {
  redisUrl: string;
  databaseUrl: string;
  stop: () => Promise<void>;
}

async function dockerEngineAnswers(): Promise<boolean> {
  try {
    await promisify(execFile)('docker', ['info', '--format', '{{.ServerVersion}}'], { timeout: 5_000 });
    return true;
  } catch {
    return false;
  }
}

async function startContainers(): Promise<TestServers> {
  const [{ RedisContainer }, { PostgreSqlContainer }] = await Promise.all([
    import('@testcontainers/redis'),
    import('@testcontainers/postgresql'),
  ]);
  const [redis, postgres] = await Promise.all([
    new RedisContainer('redis:7-alpine').start(),
    new PostgreSqlContainer('postgres:15-alpine').start(),
  ]);
  return {
    redisUrl: redis.getConnectionUrl(),
    databaseUrl: postgres.getConnectionUri(),
    stop: async () => {
      await Promise.all([redis.stop(), postgres.stop()]);
    },
  };
}

export async function startTestServers(env: NodeJS.ProcessEnv = process.env): Promise<TestServers> {
  const fromEnv = { redisUrl: env.REDIS_URL, databaseUrl: env.DATABASE_URL };
  if (fromEnv.redisUrl && fromEnv.databaseUrl) {
    return { redisUrl: fromEnv.redisUrl, databaseUrl: fromEnv.databaseUrl, stop: () => Promise.resolve() };
  }
  if (await dockerEngineAnswers()) {
    const containers = await startContainers();
    return {
      redisUrl: fromEnv.redisUrl ?? containers.redisUrl,
      databaseUrl: fromEnv.databaseUrl ?? containers.databaseUrl,
      stop: containers.stop,
    };
  }
  return {
    redisUrl: fromEnv.redisUrl ?? LOCAL_REDIS_URL,
    databaseUrl: fromEnv.databaseUrl ?? LOCAL_DATABASE_URL,
    stop: () => Promise.resolve(),
  };
}

const howToProvide =
  'Set REDIS_URL and DATABASE_URL, or start a Docker engine for testcontainers, or run Redis on ' +
  '127.0.0.1:6379 and PostgreSQL on 127.0.0.1:5432 (bash .ci/run starts both when they are installed).';

/** Fails at once, with what to do, when a server does not answer. */
export async function assertServersAnswer(servers: Pick<TestServers, 'redisUrl' | 'databaseUrl'>): Promise<void> {
  const redis = new Redis(servers.redisUrl, {
    lazyConnect: true,
    connectTimeout: 3_000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new Error(`Redis at ${servers.redisUrl} does not answer (${String(error)}). ${howToProvide}`, {
      cause: error,
    });
  } finally {
    redis.disconnect();
  }
  const client = new pg.Client({ connectionString: servers.databaseUrl, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new Error(`PostgreSQL does not answer (${String(error)}). ${howToProvide}`, { cause: error });
  } finally {
    await client.end().catch(() => undefined);
  }
}
