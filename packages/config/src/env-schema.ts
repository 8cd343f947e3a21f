import { z } from 'zod';

/**
 * Every environment variable the service reads, declared once: type, default and one line of doc
 * (`describe`). The README's configuration table is this list.
 */

const port = z.coerce.number().int().min(1).max(65535);
const positiveInt = z.coerce.number().int().positive();
const url = (protocols: readonly string[]) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol.slice(0, -1));
      } catch {
        return false;
      }
    },
    { error: `expected a URL starting with ${protocols.map((p) => `${p}://`).join(' or ')}` },
  );
const secret = z.string().min(1, 'must not be empty').optional();

export const serviceEnvSchema = z.object({
  REDIS_URL: url(['redis', 'rediss']).default('redis://127.0.0.1:6379').describe("BullMQ's Redis"),
  DATABASE_URL: url(['postgres', 'postgresql'])
    .default('postgres://postgres@127.0.0.1:5432/postgres')
    .describe("PostgreSQL holding the OMS tables and the service's own"),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'expected 1-64 letters, digits, "_", "." or "-"')
    .default('shopserve-sync')
    .describe('BullMQ key prefix, so that several deployments or test runs can share one Redis'),
  SHOPSERVE_API_BASE_URL: url(['http', 'https'])
    .default('http://127.0.0.1:4010')
    .describe('ShopServe API; the default is the sandbox'),
  API_HOST: z
    .string()
    .regex(/^[A-Za-z0-9._:[\]-]{1,253}$/, 'expected a host name or IP address')
    .default('127.0.0.1')
    .describe('where the API listens (host)'),
  API_PORT: port.default(3000).describe('where the API listens (port)'),
  API_TOKEN: secret.describe('bearer token for every /v1 route; the API refuses to start without one'),
  BOARD_USERNAME: secret.describe('HTTP Basic user for Bull Board; required by the API'),
  BOARD_PASSWORD: secret.describe('HTTP Basic password for Bull Board; required by the API'),
  WORKER_CONCURRENCY: positiveInt.max(10_000).default(50).describe('shipping-update jobs in flight per worker process'),
  SHOPSERVE_REQUESTS_PER_SECOND: z.coerce
    .number()
    .positive()
    .max(1000)
    .default(1)
    .describe('calls per ShopServe shop ID per second, all workers together'),
  SHOPSERVE_TIMEOUT_MS: positiveInt.max(600_000).default(10_000).describe("one ShopServe call's time limit"),
  EXPORT_EVERY_MINUTES: positiveInt.max(10_080).default(30).describe("the scheduled export's period"),
  SANDBOX_PORT: port.default(4010).describe('where the ShopServe sandbox listens'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info')
    .describe('pino level'),
  LOG_FORMAT: z
    .enum(['json', 'pretty'])
    .default('json')
    .describe('json for machines; pretty for a person at a terminal (pnpm start sets it)'),
});

export type ServiceConfig = z.infer<typeof serviceEnvSchema>;
export type ServiceEnvName = keyof ServiceConfig;
