import type { Redis, Result } from 'ioredis';

/**
 * Room left in every second for the calls' trip from our `TIME` to ShopServe's clock (event loop
 * stalls, the network): calls are spaced (1000 + this) / N ms apart, so ShopServe sees N + 1
 * calls in one second only if they were delayed unevenly by more than this. A few ms are not
 * enough: a loaded host stalls a process for tens of milliseconds.
 */
export const JITTER_ALLOWANCE_MS = 100;

/** Keys outlive the last slot they describe by this much, then go. */
const KEY_LINGER_MS = 60_000;

/**
 * One shop's turn to call, all worker processes together (GCRA-style spacing, clock = Redis
 * `TIME`). Returns `{status, waitMs, slotAt, marker}`:
 *   0 go: the call may be made now (its time is recorded as the shop's last call);
 *   1 reserved: a slot `slotAt` was reserved for the job, `waitMs` from now;
 *   2 busy: the job's slot has come, but the shop's last call is less than an interval old (a
 *     late job must not squeeze two calls into one second): wait `waitMs`, at most the short
 *     wait; a job that would wait longer has lost its slot and gets a fresh one (status 1);
 *   3 auth: ShopServe refused these settings of the shop (marker = what it said).
 * KEYS: the shop's next free slot (tat), its last call, the auth-failure marker of its settings.
 * ARGV: interval ms, '1' to reserve first (a job without a slot), linger ms, short wait ms.
 */
const TAKE_TURN_LUA = `
local marker = redis.call('GET', KEYS[3])
if marker then return {3, 0, 0, marker} end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local interval = tonumber(ARGV[1])
local linger = tonumber(ARGV[3])
local slot = now
if ARGV[2] == '1' then
  local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
  if tat > now then slot = tat end
  local nextTat = slot + interval
  redis.call('SET', KEYS[1], string.format('%.0f', nextTat), 'PX', string.format('%.0f', nextTat - now + linger))
  if slot > now then return {1, slot - now, slot} end
end
local last = tonumber(redis.call('GET', KEYS[2]) or '0')
local free = last + interval
if now < free then
  if free - now <= tonumber(ARGV[4]) then return {2, free - now, slot} end
  -- Lost its slot (it came back late, and others called meanwhile): a fresh one at the back.
  local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
  slot = math.max(tat, free)
  local nextTat = slot + interval
  redis.call('SET', KEYS[1], string.format('%.0f', nextTat), 'PX', string.format('%.0f', nextTat - now + linger))
  return {1, slot - now, slot}
end
redis.call('SET', KEYS[2], string.format('%.0f', now), 'PX', string.format('%.0f', interval + linger))
return {0, 0, slot}
`;

/**
 * ShopServe asked the shop to wait `delay` ms: no call goes out before then, not even of jobs
 * holding an earlier slot (they find the shop busy and get a fresh slot after it).
 * KEYS: tat, last call. ARGV: delay ms, linger ms, interval ms.
 */
const PUSH_BACK_LUA = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local notBefore = now + tonumber(ARGV[1])
local linger = tonumber(ARGV[2])
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if notBefore > tat then
  redis.call('SET', KEYS[1], string.format('%.0f', notBefore), 'PX', string.format('%.0f', notBefore - now + linger))
end
local last = tonumber(redis.call('GET', KEYS[2]) or '0')
local asIfLast = notBefore - tonumber(ARGV[3])
if asIfLast > last then
  redis.call('SET', KEYS[2], string.format('%.0f', asIfLast), 'PX', string.format('%.0f', notBefore - now + linger))
end
return 0
`;

declare module 'ioredis' {
  interface RedisCommander<Context> {
    shopserveSyncTakeTurn(
      tatKey: string,
      lastCallKey: string,
      authMarkerKey: string,
      intervalMs: number,
      reserve: '0' | '1',
      lingerMs: number,
      shortWaitMs: number,
    ): Result<[number, number, number, string?], Context>;
    shopserveSyncPushBack(
      tatKey: string,
      lastCallKey: string,
      delayMs: number,
      lingerMs: number,
      intervalMs: number,
    ): Result<number, Context>;
  }
}

export type Turn =
  /** Call now. */
  | { kind: 'go' }
  /** Come back in `waitMs`; `slotAt` is the reserved slot (new when `reserved`). */
  | { kind: 'wait'; waitMs: number; slotAt: number; reserved: boolean }
  /** ShopServe refused this revision of the shop's settings; `marker` is what it said. */
  | { kind: 'auth_failed'; marker: string };

export interface TurnRequest {
  /** The ShopServe shop ID: its calls are what ShopServe counts. */
  shopserveShopId: string;
  /** The OMS shop and its settings revision, for the auth-failure marker. */
  shopId: string;
  revision: number;
  /** Whether the job already holds a reserved slot (it must not reserve another). */
  holdsSlot: boolean;
}

export interface ShopPacing {
  readonly intervalMs: number;
  takeTurn(request: TurnRequest): Promise<Turn>;
  /** ShopServe asked this shop to wait `delayMs`: no call of the shop goes out before then. */
  pushBack(shopserveShopId: string, delayMs: number): Promise<void>;
  /** Remembers, for every process, that ShopServe refused this revision of the shop's settings. */
  markAuthFailure(shopId: string, revision: number, message: string, ttlMs?: number): Promise<void>;
}

/**
 * Spacing between one shop's calls for a limit of `requestsPerSecond`: any N + 1 calls span at
 * least 1000 ms plus the allowance.
 */
export function pacingIntervalMs(requestsPerSecond: number, allowanceMs = JITTER_ALLOWANCE_MS): number {
  return Math.ceil((1000 + allowanceMs) / requestsPerSecond);
}

/**
 * A wait for the shop's turn this short is cheaper in the worker than through the delayed set
 * (which brings a job back tens of milliseconds late, making its call later still).
 */
export const SHORT_WAIT_MS = 100;

const AUTH_MARKER_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * The per-shop call limit, held in Redis under `prefix` so that every worker process shares it.
 * Jobs first reserve a slot (spread out, no thundering herd) and then, right before calling,
 * check that the shop's last call is at least one interval old (a late job cannot squeeze two
 * calls into one second).
 */
export function createShopPacing(redis: Redis, prefix: string, intervalMs: number): ShopPacing {
  redis.defineCommand('shopserveSyncTakeTurn', { numberOfKeys: 3, lua: TAKE_TURN_LUA });
  redis.defineCommand('shopserveSyncPushBack', { numberOfKeys: 2, lua: PUSH_BACK_LUA });
  const shopKey = (shopserveShopId: string, part: string) =>
    `${prefix}:shopserve-pacing:${encodeURIComponent(shopserveShopId)}:${part}`;
  const authMarkerKey = (shopId: string, revision: number) =>
    `${prefix}:shopserve-auth-failure:${encodeURIComponent(shopId)}:${revision}`;

  return {
    intervalMs,
    async takeTurn(request) {
      const [status, waitMs, slotAt, marker] = await redis.shopserveSyncTakeTurn(
        shopKey(request.shopserveShopId, 'tat'),
        shopKey(request.shopserveShopId, 'last'),
        authMarkerKey(request.shopId, request.revision),
        intervalMs,
        request.holdsSlot ? '0' : '1',
        KEY_LINGER_MS,
        SHORT_WAIT_MS,
      );
      switch (status) {
        case 0:
          return { kind: 'go' };
        case 1:
          return { kind: 'wait', waitMs, slotAt, reserved: true };
        case 2:
          return { kind: 'wait', waitMs, slotAt, reserved: !request.holdsSlot };
        default:
          return { kind: 'auth_failed', marker: marker ?? '' };
      }
    },
    async pushBack(shopserveShopId, delayMs) {
      if (delayMs <= 0) return;
      await redis.shopserveSyncPushBack(
        shopKey(shopserveShopId, 'tat'),
        shopKey(shopserveShopId, 'last'),
        Math.ceil(delayMs),
        KEY_LINGER_MS,
        intervalMs,
      );
    },
    async markAuthFailure(shopId, revision, message, ttlMs = AUTH_MARKER_TTL_MS) {
      await redis.set(authMarkerKey(shopId, revision), message, 'PX', ttlMs);
    },
  };
}
