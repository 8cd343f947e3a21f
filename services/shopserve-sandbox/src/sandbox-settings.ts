import { z } from 'zod';
import type { FieldProblem } from './shopserve-contract.ts';

const shopId = z.string().regex(/^[^:\s]{1,64}$/, 'expected 1-64 characters without ":" or spaces');
const rate = z.number().min(0).max(1);
const milliseconds = z.number().int().min(0).max(600_000);

const shop = z.strictObject({
  shopId,
  /** The manager auth key (マネージャー認証キー). */
  authKey: z.string().min(1, 'must not be empty'),
  /** Whether the shop has applied for the API; `false` answers 403 API_NOT_CONTRACTED. Default true. */
  contracted: z.boolean().default(true),
});

const order = z.strictObject({
  shopId,
  orderNumber: z.string().min(1).max(64),
  /** A cancelled order reads as `Cancelled` and refuses updates (409). Default false. */
  cancelled: z.boolean().default(false),
});

const rateLimit = z
  .strictObject({
    perSecond: z.number().positive().max(1_000_000),
    /** Default: `perSecond` rounded up. */
    burst: z.number().int().min(1).max(1_000_000).optional(),
  })
  .transform(({ perSecond, burst }) => ({ perSecond, burst: burst ?? Math.max(1, Math.ceil(perSecond)) }));

function unique<T>(key: (item: T) => string, what: string) {
  return (items: T[], context: z.RefinementCtx) => {
    const seen = new Set<string>();
    for (const [index, item] of items.entries()) {
      if (seen.has(key(item))) context.addIssue({ code: 'custom', path: [index], message: `duplicate ${what}` });
      seen.add(key(item));
    }
  };
}

/**
 * Everything that makes the sandbox behave one way or another. Every field has a default, so
 * `{}` is a complete configuration: lenient, no rate limit, no latency, no faults, no maintenance.
 */
export const sandboxSettingsSchema = z.strictObject({
  shops: z
    .array(shop)
    .superRefine(unique((s) => s.shopId, 'shopId'))
    .default([]),
  orders: z
    .array(order)
    .superRefine(unique((o) => JSON.stringify([o.shopId, o.orderNumber]), 'order'))
    .default([]),
  lenient: z.boolean().default(true),
  /** Token bucket per shop ID; null = no limit. */
  rateLimit: rateLimit.nullable().default(null),
  latency: z.strictObject({ fixedMs: milliseconds.default(0), jitterMs: milliseconds.default(0) }).prefault({}),
  /** Probabilities 0..1 per call. */
  faults: z
    .strictObject({
      error500Rate: rate.default(0),
      error503Rate: rate.default(0),
      hangRate: rate.default(0),
      dropRate: rate.default(0),
    })
    .prefault({}),
  maintenance: z
    .strictObject({
      mode: z.enum(['off', 'on', 'schedule']).default('off'),
      /** Retry-After while the mode is `on`; the schedule answers the seconds to its window's end. */
      retryAfterSeconds: z.number().int().min(1).max(86_400).default(60),
    })
    .prefault({}),
  /** The sandbox's now = real now + `offsetMs`. */
  clock: z.strictObject({ offsetMs: z.number().int().default(0) }).prefault({}),
  /** How many of the latest calls the journal keeps. */
  journalSize: z.number().int().min(1).max(10_000_000).default(100_000),
});

export type SandboxSettings = z.output<typeof sandboxSettingsSchema>;
/** What may be given: any subset, nested objects in part. */
export type SandboxSettingsInput = z.input<typeof sandboxSettingsSchema>;
export type SandboxShop = SandboxSettings['shops'][number];
export type SandboxOrder = SandboxSettings['orders'][number];

/** Settings that do not match the schema; `details` names each wrong field. */
export class SettingsError extends Error {
  override readonly name = 'SettingsError';
  constructor(readonly details: FieldProblem[]) {
    super(`Invalid sandbox settings: ${details.map((d) => `${d.field}: ${d.message}`).join('; ')}`);
  }
}

function fieldProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ field: [...issue.path, key].join('.'), message: 'unknown setting' }))
      : [{ field: issue.path.join('.') || '(settings)', message: issue.message }],
  );
}

export function parseSettings(input: unknown): SandboxSettings {
  const result = sandboxSettingsSchema.safeParse(input);
  if (!result.success) throw new SettingsError(fieldProblems(result.error));
  return result.data;
}

/** Settings whose nested objects a patch changes field by field; the rest it replaces whole. */
const MERGED = new Set(['latency', 'faults', 'maintenance', 'clock']);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `current` changed by `patch`, any subset of the settings. `latency`, `faults`, `maintenance`
 * and `clock` merge field by field; `shops`, `orders` and `rateLimit` are replaced whole (a rate
 * limit's default burst follows its rate).
 */
export function mergeSettings(current: SandboxSettings, patch: unknown): SandboxSettings {
  if (!isPlainObject(patch)) throw new SettingsError([{ field: '(settings)', message: 'expected a JSON object' }]);
  // A Map, not assignment, so that a "__proto__" key stays a key (and is refused as unknown).
  const merged = new Map<string, unknown>(Object.entries(current));
  for (const [key, value] of Object.entries(patch)) {
    const before = merged.get(key);
    merged.set(key, MERGED.has(key) && isPlainObject(before) && isPlainObject(value) ? { ...before, ...value } : value);
  }
  return parseSettings(Object.fromEntries(merged));
}

/** The settings as the admin route shows them: auth keys hidden. */
export function publicSettings(settings: SandboxSettings): SandboxSettings {
  return { ...settings, shops: settings.shops.map((s) => ({ ...s, authKey: '***' })) };
}
