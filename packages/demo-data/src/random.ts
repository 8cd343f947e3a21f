/**
 * A small seeded pseudo-random source (mulberry32): the demo data must be the same for the same
 * seed on every machine and Node version, which `Math.random` cannot promise.
 */
export class Random {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return itemAt(items, Math.floor(this.next() * items.length));
  }

  /** One of `entries`, each as likely as its `weight` says. */
  weighted<T extends { weight: number }>(entries: readonly T[]): T {
    const total = entries.reduce((sum, entry) => sum + entry.weight, 0);
    let remaining = this.next() * total;
    for (const entry of entries) {
      remaining -= entry.weight;
      if (remaining < 0) return entry;
    }
    return itemAt(entries, entries.length - 1);
  }

  /** `length` decimal digits; the first may be 0. */
  digits(length: number): string {
    let text = '';
    for (let i = 0; i < length; i++) text += String(this.int(0, 9));
    return text;
  }
}

export function itemAt<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new RangeError(`no item at ${index} of ${items.length}`);
  return item;
}
