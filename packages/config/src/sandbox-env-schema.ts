import { z } from 'zod';
import { parseEnv, type Environment } from './load-config.ts';

/**
 * The ShopServe sandbox's own variables (`SANDBOX_PORT` is in the service schema). Each one sets
 * the start-up value of one sandbox setting; a JSON file named by `SANDBOX_CONFIG_FILE` may set
 * the same settings, and the admin routes change them at run time. The sandbox README lists them.
 */

const rate = z.coerce.number().min(0).max(1);
const milliseconds = z.coerce.number().int().min(0).max(600_000);

/** `a:b,c:d:flag` lists: entries separated by commas, fields by colons, an optional last flag. */
function colonList<T>(what: string, flag: string, build: (first: string, second: string, flagged: boolean) => T) {
  const entry = new RegExp(`^([^:,\\s]{1,64}):([^:,\\s]{1,256})(:${flag})?$`);
  return z.string().transform((value, context) => {
    const entries = value
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part !== '');
    const built: T[] = [];
    for (const [index, text] of entries.entries()) {
      const match = entry.exec(text);
      if (match?.[1] === undefined || match[2] === undefined) {
        context.addIssue({
          code: 'custom',
          message: `entry ${index + 1}: expected ${what}`,
        });
        return z.NEVER;
      }
      built.push(build(match[1], match[2], match[3] !== undefined));
    }
    return built;
  });
}

export const sandboxEnvSchema = z.object({
  SANDBOX_HOST: z
    .string()
    .regex(/^[A-Za-z0-9._:[\]-]{1,253}$/, 'expected a host name or IP address')
    .default('127.0.0.1')
    .describe('where the sandbox listens (host); 0.0.0.0 to accept calls from other machines'),
  SANDBOX_CONFIG_FILE: z
    .string()
    .min(1)
    .optional()
    .describe('a JSON file of sandbox settings; what it sets wins over the SANDBOX_* variables'),
  SANDBOX_SHOPS: colonList(
    '"shopId:authKey" or "shopId:authKey:uncontracted"',
    'uncontracted',
    (shopId, authKey, flagged) => ({
      shopId,
      authKey,
      contracted: !flagged,
    }),
  )
    .default([])
    .describe('known shops, comma-separated "shopId:authKey", with ":uncontracted" for a shop without the API'),
  SANDBOX_ORDERS: colonList(
    '"shopId:orderNumber" or "shopId:orderNumber:cancelled"',
    'cancelled',
    (shopId, orderNumber, flagged) => ({
      shopId,
      orderNumber,
      cancelled: flagged,
    }),
  )
    .default([])
    .describe('known orders, comma-separated "shopId:orderNumber", with ":cancelled" for a cancelled one'),
  SANDBOX_LENIENT: z
    .stringbool({ error: 'expected true or false' })
    .default(true)
    .describe('any order number exists for any shop, and an unknown shop ID with any key is contracted'),
  SANDBOX_RATE_LIMIT_PER_SECOND: z.coerce
    .number()
    .min(0)
    .max(1_000_000)
    .default(0)
    .describe('token-bucket refill per shop ID and second; 0 = no rate limit'),
  SANDBOX_RATE_LIMIT_BURST: z.coerce
    .number()
    .int()
    .min(1)
    .max(1_000_000)
    .optional()
    .describe('token-bucket size per shop ID; default the per-second rate rounded up'),
  SANDBOX_LATENCY_MS: milliseconds.default(0).describe('fixed delay before every answer'),
  SANDBOX_LATENCY_JITTER_MS: milliseconds.default(0).describe('random extra delay, 0 up to this, before every answer'),
  SANDBOX_ERROR_500_RATE: rate.default(0).describe('share of calls answered 500 INTERNAL_ERROR (0..1)'),
  SANDBOX_ERROR_503_RATE: rate.default(0).describe('share of calls answered 503 SERVICE_UNAVAILABLE (0..1)'),
  SANDBOX_HANG_RATE: rate.default(0).describe('share of calls never answered (0..1)'),
  SANDBOX_DROP_RATE: rate.default(0).describe('share of calls whose connection is cut without an answer (0..1)'),
  SANDBOX_MAINTENANCE: z
    .enum(['off', 'on', 'schedule'])
    .default('off')
    .describe('off; on = every call 503; schedule = the monthly window (3rd Wednesday, 02:00-08:00 JST)'),
  SANDBOX_MAINTENANCE_RETRY_AFTER_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(86_400)
    .default(60)
    .describe('Retry-After of the 503s while maintenance is "on" (the schedule gives the seconds to its end)'),
  SANDBOX_CLOCK_OFFSET_MS: z.coerce
    .number()
    .int()
    .default(0)
    .describe("the sandbox's now = real now + this (maintenance window, updatedAt)"),
  SANDBOX_JOURNAL_SIZE: z.coerce
    .number()
    .int()
    .min(1)
    .max(10_000_000)
    .default(100_000)
    .describe('how many of the latest calls the request journal keeps'),
});

export type SandboxEnv = z.infer<typeof sandboxEnvSchema>;

/** The sandbox's variables, or a `ConfigError` naming each wrong one. */
export function loadSandboxEnv(env?: Environment): SandboxEnv {
  return parseEnv(sandboxEnvSchema, env);
}
