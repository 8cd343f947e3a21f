import { performance } from 'node:perf_hooks';
import type { KnownShop } from './basic-auth.ts';
import { CallStats } from './call-stats.ts';
import { Journal } from './journal.ts';
import { OrderBook } from './order-book.ts';
import { RateLimiter } from './rate-limiter.ts';
import { mergeSettings, parseSettings, type SandboxSettings, type SandboxSettingsInput } from './sandbox-settings.ts';

/** Where the sandbox gets chance and time; tests replace them. */
export interface SandboxDependencies {
  /** Uniform in [0, 1); decides faults and jitter. Default `Math.random`. */
  random: () => number;
  /** Real time, epoch milliseconds. Default `Date.now`. */
  wallNow: () => number;
  /** A monotonic clock in milliseconds, for rate limits and statistics. Default `performance.now`. */
  monotonicNow: () => number;
}

const defaultDependencies: SandboxDependencies = {
  random: Math.random,
  wallNow: Date.now,
  monotonicNow: () => performance.now(),
};

function shopMap(settings: SandboxSettings): Map<string, KnownShop> {
  return new Map(settings.shops.map((shop) => [shop.shopId, { authKey: shop.authKey, contracted: shop.contracted }]));
}

/**
 * Everything a running sandbox holds: its settings, the orders' shipping state, the request
 * journal, rate-limit buckets and call statistics. The HTTP layer only reads and changes it
 * through these methods.
 */
export class SandboxState {
  readonly deps: SandboxDependencies;
  readonly startup: SandboxSettings;
  readonly journal: Journal;
  readonly orders: OrderBook;
  readonly stats = new CallStats();
  readonly rateLimiter: RateLimiter;
  private current: SandboxSettings;
  private shopsById: Map<string, KnownShop>;

  constructor(settings: SandboxSettingsInput = {}, deps: Partial<SandboxDependencies> = {}) {
    this.deps = { ...defaultDependencies, ...deps };
    this.startup = parseSettings(settings);
    this.current = this.startup;
    this.shopsById = shopMap(this.current);
    this.journal = new Journal(this.current.journalSize);
    this.orders = new OrderBook(this.current.orders, this.now());
    this.rateLimiter = new RateLimiter(this.current.rateLimit);
  }

  get settings(): SandboxSettings {
    return this.current;
  }

  get shops(): ReadonlyMap<string, KnownShop> {
    return this.shopsById;
  }

  /** The sandbox's clock: real time plus the configured offset, epoch milliseconds. */
  now(): number {
    return this.deps.wallNow() + this.current.clock.offsetMs;
  }

  /** Changes any subset of the settings; throws `SettingsError` and changes nothing when invalid. */
  update(patch: unknown): SandboxSettings {
    const next = mergeSettings(this.current, patch);
    this.apply(next, new Set(Object.keys(patch as object)));
    return this.current;
  }

  /** Moves the sandbox's clock so that now is `epochMs`. */
  setNow(epochMs: number): void {
    this.update({ clock: { offsetMs: Math.round(epochMs - this.deps.wallNow()) } });
  }

  /** Back to the start-up settings, with fresh orders, buckets, statistics and an empty journal. */
  reset(): void {
    this.apply(this.startup, 'all');
    this.journal.clear();
    this.stats.clear();
  }

  /** `changed`: the settings given anew; orders, buckets and shops are rebuilt only for those. */
  private apply(next: SandboxSettings, changed: ReadonlySet<string> | 'all'): void {
    const given = (key: keyof SandboxSettings) => changed === 'all' || changed.has(key);
    this.current = next;
    if (given('shops')) this.shopsById = shopMap(next);
    if (given('orders')) this.orders.replace(next.orders, this.now());
    if (given('rateLimit')) this.rateLimiter.configure(next.rateLimit);
    this.journal.resize(next.journalSize);
  }
}
