import { TokenBucket, type TakeResult } from './token-bucket.ts';

export interface RateLimit {
  perSecond: number;
  burst: number;
}

/** One token bucket per ShopServe shop ID. */
export class RateLimiter {
  private readonly buckets = new Map<string, TokenBucket>();
  private limit: RateLimit | null;

  constructor(limit: RateLimit | null) {
    this.limit = limit;
  }

  /** New limits start every shop with a full bucket. */
  configure(limit: RateLimit | null): void {
    this.limit = limit;
    this.buckets.clear();
  }

  /** `undefined` when there is no limit. */
  take(shopId: string, nowMs: number): (TakeResult & { limit: number }) | undefined {
    if (this.limit === null) return undefined;
    let bucket = this.buckets.get(shopId);
    if (bucket === undefined) {
      bucket = new TokenBucket(this.limit.perSecond, this.limit.burst, nowMs);
      this.buckets.set(shopId, bucket);
    }
    return { ...bucket.take(nowMs), limit: this.limit.burst };
  }
}
