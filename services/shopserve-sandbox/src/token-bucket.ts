export interface TakeResult {
  allowed: boolean;
  /** Whole tokens left after this call. */
  remaining: number;
  /** Whole seconds (at least 1) until a refused call would be let through; 0 when allowed. */
  retryAfterSeconds: number;
}

/**
 * A token bucket: holds up to `capacity` calls, refilled at `perSecond`. Time comes from the
 * caller (milliseconds of a monotonic clock), so the bucket is a pure calculation.
 */
export class TokenBucket {
  private tokens: number;
  private lastMs: number;

  constructor(
    readonly perSecond: number,
    readonly capacity: number,
    nowMs: number,
  ) {
    this.tokens = capacity;
    this.lastMs = nowMs;
  }

  take(nowMs: number): TakeResult {
    this.refill(nowMs);
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return { allowed: true, remaining: Math.floor(this.tokens), retryAfterSeconds: 0 };
    }
    const waitSeconds = (1 - this.tokens) / this.perSecond;
    return { allowed: false, remaining: 0, retryAfterSeconds: Math.max(1, Math.ceil(waitSeconds)) };
  }

  private refill(nowMs: number): void {
    const elapsedMs = Math.max(0, nowMs - this.lastMs);
    this.tokens = Math.min(this.capacity, this.tokens + (elapsedMs / 1000) * this.perSecond);
    this.lastMs = Math.max(this.lastMs, nowMs);
  }
}
