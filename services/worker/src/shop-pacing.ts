import type { Redis, Result } from 'ioredis';

/**
 * Room left in every second for the calls' trip from our `TIME` to ShopServe's clock: N + 1
 * calls of a shop are granted at least 1000 + this apart. It covers the calls that came back
 * within {@link SLOW_CALL_MS} of the fastest call (slower ones are settled in the log as
 * arriving as late as they can have), and costs 0.1 % of a shop's throughput per ms.
 */
export const JITTER_ALLOWANCE_MS = 20;

/** Keys outlive the last slot they describe by this much, then go. */
const KEY_LINGER_MS = 60_000;

/** Redis's clock in ms (with µs), and a time as the string in which keys and answers keep it. */
const REDIS_CLOCK_LUA = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local function ms(x) return string.format('%.3f', x) end
`;

/** A shop's pacing keys, from the stem that the caller sends (see {@link PACING_BATCH_LUA}). */
const SHOP_KEYS_LUA = `
local function callLogKey(shop) return shop .. ':calls' end
local function tatKey(shop) return shop .. ':tat' end
local function heldKey(shop) return shop .. ':held' end
local function blockedKey(shop) return shop .. ':blocked' end
`;

/**
 * One shop's turn to call, all worker processes together, clock = Redis `TIME` (ms, with µs).
 * Two rules hold every call:
 *   - spacing: calls are granted `interval` apart (GCRA: `tat` is the next free slot; `burst` ms
 *     ahead of it are allowed); a job that cannot go now reserves the next slot (held in a
 *     sorted set by job id, so that it does not reserve another when it comes back);
 *   - window: at most `count` calls in any `window` ms (a log of the calls of the last two
 *     windows, each at its latest possible arrival), so a job that comes back late for its slot,
 *     or a call that reached ShopServe late, cannot squeeze a call next to another.
 * Returns `{status, waitMs, marker}`:
 *   0 go: the call may be made now (it is logged; waitMs = its time, marker = its id in the log);
 *   1 wait: come back in `waitMs` (the job holds its slot meanwhile);
 *   3 auth: ShopServe refused these settings of the shop (marker = what it said).
 * shop: the stem of the shop's keys (its call log, tat, held slots and blocked-until, when
 *   ShopServe asked to wait). markerKey: the auth-failure marker of the settings. jobId: the push
 *   job asking.
 */
const TAKE_TURN_LUA = `
local function takeTurn(shop, markerKey, jobId)
  local marker = redis.call('GET', markerKey)
  if marker then return {3, 0, marker} end

  -- When the window next has room (and ShopServe's own wait is over). The log holds each call's
  -- latest possible arrival at ShopServe (its grant, moved later by settle when it came back slow).
  local calls = callLogKey(shop)
  redis.call('ZREMRANGEBYSCORE', calls, '-inf', now - 2 * window)
  local free = now
  local nth = redis.call('ZREVRANGE', calls, count - 1, count - 1, 'WITHSCORES')
  if nth[2] then free = math.max(free, tonumber(nth[2]) + window) end
  local blocked = tonumber(redis.call('GET', blockedKey(shop)) or '0')
  if blocked > free then free = blocked end

  local heldSlots = heldKey(shop)
  local held = redis.call('ZSCORE', heldSlots, jobId)
  local start
  if held then
    local slot = tonumber(held)
    start = math.max(slot, free)
    -- Kept unless the shop is busy well past it (ShopServe asked to wait): then the slot is lost,
    -- and a fresh one at the back keeps the calls spaced after the wait.
    if start > now and start - math.max(slot, now) > interval then start = nil end
  end
  if not start then
    local nextSlot = tatKey(shop)
    local tat = tonumber(redis.call('GET', nextSlot) or '0')
    start = math.max(tat - burst, free, now)
    tat = math.max(tat, start) + interval
    redis.call('SET', nextSlot, ms(tat), 'PX', math.ceil(tat - now + linger))
  end
  if start > now then
    redis.call('ZADD', heldSlots, start, jobId)
    keepFor(heldSlots, math.ceil(start - now + linger))
    return {1, ms(start - now)}
  end
  if held then
    redis.call('ZREM', heldSlots, jobId)
    -- Reservations of jobs that never came back (removed, failed elsewhere) go after a while.
    redis.call('ZREMRANGEBYSCORE', heldSlots, '-inf', now - linger)
  end
  local at = ms(now)
  local callId = jobId .. '@' .. at
  redis.call('ZADD', calls, at, callId)
  redis.call('PEXPIRE', calls, math.ceil(window + linger))
  return {0, at, callId}
end
`;

/**
 * A call came back later than the shop's calls do at best, so it may have reached ShopServe later
 * than granted: its place in the log moves to the latest it can have arrived, now − `floor` (the
 * least a call of the shop has taken: ShopServe's own part of every call). Only later (`GT`), and
 * only while the log still holds the call (`XX`). callLog: the shop's call log.
 */
const SETTLE_LUA = `
local function settle(callLog, callId, floor)
  redis.call('ZADD', callLog, 'XX', 'GT', now - floor, callId)
  return 0
end
`;

/**
 * The take-turns and settles that one process asked for at one moment, in one script (one round
 * trip, one Redis clock reading), in the order asked; answers in that order.
 * ARGV: interval ms, count, window ms, linger ms (keys outlive the last slot they describe by
 *   this), burst ms (how far ahead of its spacing a call may go: a high limit's calls need not
 *   queue up one by one), then per op `t`, job id (2 keys: the shop's, the auth-failure marker)
 *   or `s`, call id, floor ms (1 key: the shop's).
 * The shop's key is the stem of its four ({@link SHOP_KEYS_LUA}), named here as
 * BullMQ's own scripts name a job's keys from its queue's: a take-turn sends 4 arguments instead
 * of 7, each batch of up to the worker's concurrency in ops.
 */
const PACING_BATCH_LUA = `
${REDIS_CLOCK_LUA}
${SHOP_KEYS_LUA}
local interval, count, window = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local linger, burst = tonumber(ARGV[4]), tonumber(ARGV[5])
-- Lengthens a key's life, never shortens it (another job's later slot may live in it).
local function keepFor(key, ttl)
  if redis.call('PTTL', key) < ttl then redis.call('PEXPIRE', key, ttl) end
end
${TAKE_TURN_LUA}
${SETTLE_LUA}
local answers = {}
local key, arg = 1, 6
while ARGV[arg] do
  local shop = KEYS[key]
  if ARGV[arg] == 't' then
    answers[#answers + 1] = takeTurn(shop, KEYS[key + 1], ARGV[arg + 1])
    key, arg = key + 2, arg + 2
  else
    answers[#answers + 1] = settle(callLogKey(shop), ARGV[arg + 1], tonumber(ARGV[arg + 2]))
    key, arg = key + 1, arg + 3
  end
end
return answers
`;

/**
 * ShopServe asked the shop to wait `delay` ms: no call goes out before then, not even of jobs
 * holding an earlier slot (take-turn counts the window as full until then, and fresh slots start
 * there). KEYS: the shop's key stem. ARGV: delay ms, linger ms.
 */
const PUSH_BACK_LUA = `
${REDIS_CLOCK_LUA}
${SHOP_KEYS_LUA}
local key = blockedKey(KEYS[1])
local notBefore = now + tonumber(ARGV[1])
local blocked = tonumber(redis.call('GET', key) or '0')
if notBefore > blocked then
  redis.call('SET', key, ms(notBefore), 'PX', math.ceil(notBefore - now + tonumber(ARGV[2])))
end
return 0
`;

declare module 'ioredis' {
  interface RedisCommander<Context> {
    /** `numberOfKeys`, the keys, then the ARGV of {@link PACING_BATCH_LUA}. */
    shopserveSyncPacingBatch(...keysThenArgs: (string | number)[]): Result<unknown[], Context>;
    shopserveSyncPushBack(shopKey: string, delayMs: number, lingerMs: number): Result<number, Context>;
  }
}

export type Turn =
  /**
   * Call now, then {@link ShopPacing.settle} it. `at` is when the call was granted (Redis's clock,
   * ms since the epoch), `callId` its entry in the shop's log.
   */
  | { kind: 'go'; at: number; callId: string }
  /** Come back in `waitMs`: the job's slot is held for it until then. */
  | { kind: 'wait'; waitMs: number }
  /** ShopServe refused this revision of the shop's settings; `marker` is what it said. */
  | { kind: 'auth_failed'; marker: string };

export interface TurnRequest {
  /** The ShopServe shop ID: its calls are what ShopServe counts. */
  shopserveShopId: string;
  /** The OMS shop and its settings revision, for the auth-failure marker. */
  shopId: string;
  revision: number;
  /** The push job asking: a slot it reserved earlier is found by it. */
  jobId: string;
}

export interface ShopPacing {
  readonly limits: PacingLimits;
  takeTurn(request: TurnRequest): Promise<Turn>;
  /**
   * A granted call is over after `tookMs` (from asking for the turn to the answer; `answered`
   * false when none came). A call slower than the fastest may have reached ShopServe late, next
   * to later calls: the shop's log then counts it as arriving as late as it can have.
   */
  settle(shopserveShopId: string, callId: string, call: { tookMs: number; answered: boolean }): Promise<void>;
  /** ShopServe asked this shop to wait `delayMs`: no call of the shop goes out before then. */
  pushBack(shopserveShopId: string, delayMs: number): Promise<void>;
  /** Remembers, for every process, that ShopServe refused this revision of the shop's settings. */
  markAuthFailure(shopId: string, revision: number, message: string, ttlMs?: number): Promise<void>;
}

export interface PacingLimits {
  /** Between two granted calls of a shop, ms. */
  intervalMs: number;
  /** At most this many calls of a shop are granted in any {@link windowMs}. */
  count: number;
  windowMs: number;
  /**
   * How far ahead of the spacing a call may go: a tenth of the limit may come at once (none below
   * ten per second, where ShopServe's counting is most likely to catch a pair).
   */
  burstMs: number;
}

/**
 * The pacing for a limit of `requestsPerSecond` per shop: calls `(1000 + allowance) / limit` ms
 * apart, and never more than the limit (at least one) in `1000 + allowance` ms (for a limit
 * below one, in the time that one call takes).
 */
export function pacingLimits(requestsPerSecond: number, allowanceMs = JITTER_ALLOWANCE_MS): PacingLimits {
  const intervalMs = (1000 + allowanceMs) / requestsPerSecond;
  const count = Math.max(1, Math.floor(requestsPerSecond));
  return { intervalMs, count, windowMs: count * intervalMs, burstMs: Math.floor(count / 10) * intervalMs };
}

const AUTH_MARKER_TTL_MS = 24 * 60 * 60 * 1000;

/** A call this much slower than the floor (see `callFloor`) is settled in the shop's log. */
export const SLOW_CALL_MS = 5;

/** Answered calls this process must have seen before it trusts half their fastest as the floor. */
const FLOOR_SAMPLES = 20;

/** … and before it trusts the whole of it. */
const TRUSTED_FLOOR_SAMPLES = 200;

/**
 * The least time an answered call has taken (from asking for its turn), in this process, any
 * shop: what every call spends at ShopServe and on the way back at the very least, so a call that
 * took longer may have arrived that much later than granted. Until enough calls have answered it
 * is 0 (the first calls count as arriving when they came back: a process's first calls are slow
 * ones, and their minimum is no floor), then half the fastest, then the fastest. A floor too low
 * only counts calls later than they were, the safe side.
 */
function callFloor() {
  let fastest = Infinity;
  let answered = 0;
  return {
    /** The floor before this call. */
    observe(tookMs: number): number {
      // A busy start slows every early call, the fastest too.
      const floor = answered >= TRUSTED_FLOOR_SAMPLES ? fastest : answered >= FLOOR_SAMPLES ? fastest / 2 : 0;
      answered += 1;
      fastest = Math.min(fastest, tookMs);
      return floor;
    },
  };
}

/**
 * The per-shop call limit, held in Redis under `prefix` so that every worker process shares it.
 * Keys hold times and job ids only, never a credential.
 */
export function createShopPacing(redis: Redis, prefix: string, limits: PacingLimits): ShopPacing {
  redis.defineCommand('shopserveSyncPacingBatch', { lua: PACING_BATCH_LUA });
  redis.defineCommand('shopserveSyncPushBack', { numberOfKeys: 1, lua: PUSH_BACK_LUA });
  /** The stem of the shop's pacing keys (the script adds `:calls`, `:tat`, `:held`, `:blocked`). */
  const shopKey = (shopserveShopId: string) => `${prefix}:shopserve-pacing:${encodeURIComponent(shopserveShopId)}`;
  const authMarkerKey = (shopId: string, revision: number) =>
    `${prefix}:shopserve-auth-failure:${encodeURIComponent(shopId)}:${revision}`;
  const floor = callFloor();
  const batches = pacingBatches((keys, args) =>
    redis.shopserveSyncPacingBatch(
      keys.length,
      ...keys,
      limits.intervalMs,
      limits.count,
      limits.windowMs,
      KEY_LINGER_MS,
      limits.burstMs,
      ...args,
    ),
  );

  return {
    limits,
    async takeTurn(request) {
      const shop = request.shopserveShopId;
      const answer = await batches.ask(
        [shopKey(shop), authMarkerKey(request.shopId, request.revision)],
        ['t', request.jobId],
      );
      // The second field is the wait, or for a granted call its time.
      const [status, waitMs, marker] = answer as [number, string, string?];
      switch (status) {
        case 0:
          return { kind: 'go', at: Number(waitMs), callId: marker ?? '' };
        case 1:
          return { kind: 'wait', waitMs: Number(waitMs) };
        default:
          return { kind: 'auth_failed', marker: marker ?? '' };
      }
    },
    async settle(shopserveShopId, callId, call) {
      const floorMs = call.answered ? floor.observe(call.tookMs) : 0;
      if (call.tookMs - floorMs <= SLOW_CALL_MS) return;
      await batches.ask([shopKey(shopserveShopId)], ['s', callId, floorMs]);
    },
    async pushBack(shopserveShopId, delayMs) {
      if (delayMs <= 0) return;
      await redis.shopserveSyncPushBack(shopKey(shopserveShopId), Math.ceil(delayMs), KEY_LINGER_MS);
    },
    async markAuthFailure(shopId, revision, message, ttlMs = AUTH_MARKER_TTL_MS) {
      await redis.set(authMarkerKey(shopId, revision), message, 'PX', ttlMs);
    },
  };
}

interface PacingOp {
  keys: readonly string[];
  args: readonly (string | number)[];
  resolve(answer: unknown): void;
  reject(error: unknown): void;
}

/**
 * Gathers the pacing operations asked for in one turn of the event loop into one script call:
 * a round trip per push and operation cost the worker more CPU than the rest of the pacing. Each
 * push has at most one operation waiting, so a batch is at most the worker's concurrency.
 */
function pacingBatches(send: (keys: string[], args: (string | number)[]) => Promise<unknown[]>) {
  let waiting: PacingOp[] = [];

  function flush(): void {
    const ops = waiting;
    waiting = [];
    const keys = ops.flatMap((op) => op.keys);
    const args = ops.flatMap((op) => op.args);
    send(keys, args).then(
      (answers) => {
        ops.forEach((op, i) => {
          op.resolve(answers[i]);
        });
      },
      (error: unknown) => {
        for (const op of ops) op.reject(error);
      },
    );
  }

  return {
    /** The operation's answer, from the script that ran it with the others of this moment. */
    ask(keys: readonly string[], args: readonly (string | number)[]): Promise<unknown> {
      return new Promise((resolve, reject) => {
        waiting.push({ keys, args, resolve, reject });
        // After this turn's I/O callbacks: the pushes woken with this one ask in the same script.
        if (waiting.length === 1) setImmediate(flush);
      });
    },
  };
}
