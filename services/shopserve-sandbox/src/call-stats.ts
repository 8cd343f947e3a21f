const WINDOW_MS = 1000;

/** The times of one shop's calls within the last second, oldest first. */
class RecentCalls {
  private times: number[] = [];
  private head = 0;
  max = 0;

  add(nowMs: number): void {
    this.times.push(nowMs);
    while (this.head < this.times.length && (this.times[this.head] ?? nowMs) <= nowMs - WINDOW_MS) this.head += 1;
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.head = 0;
    }
    this.max = Math.max(this.max, this.times.length - this.head);
  }
}

/**
 * Calls received per shop ID, and the most of them in any sliding second: for each call, the
 * calls of the 1000 ms up to and including it. Every window's busiest moment ends in a call, so
 * this is exact, not sampled.
 */
export class CallStats {
  private readonly shops = new Map<string, RecentCalls>();
  total = 0;

  /** `shopId` is undefined when a call names none (no or unreadable credentials). */
  record(shopId: string | undefined, nowMs: number): void {
    this.total += 1;
    if (shopId === undefined) return;
    let calls = this.shops.get(shopId);
    if (calls === undefined) {
      calls = new RecentCalls();
      this.shops.set(shopId, calls);
    }
    calls.add(nowMs);
  }

  perShopMaxPerSecond(): Record<string, number> {
    return Object.fromEntries([...this.shops].map(([shopId, calls]) => [shopId, calls.max]));
  }

  clear(): void {
    this.shops.clear();
    this.total = 0;
  }
}
