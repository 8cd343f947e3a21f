/** The latest `capacity` items; the oldest is overwritten first. */
export class RingBuffer<T> {
  private items: (T | undefined)[];
  private next = 0;
  private count = 0;

  constructor(capacity: number) {
    this.items = new Array<T | undefined>(capacity);
  }

  get capacity(): number {
    return this.items.length;
  }

  get size(): number {
    return this.count;
  }

  push(item: T): void {
    this.items[this.next] = item;
    this.next = (this.next + 1) % this.items.length;
    this.count = Math.min(this.count + 1, this.items.length);
  }

  /** Oldest first. */
  toArray(): T[] {
    const start = (this.next - this.count + this.items.length) % this.items.length;
    const out: T[] = [];
    for (let i = 0; i < this.count; i += 1) {
      const item = this.items[(start + i) % this.items.length];
      if (item !== undefined) out.push(item);
    }
    return out;
  }

  clear(): void {
    this.items = new Array<T | undefined>(this.items.length);
    this.next = 0;
    this.count = 0;
  }

  /** A new capacity keeps the newest items that fit. */
  resize(capacity: number): void {
    if (capacity === this.items.length) return;
    const kept = this.toArray().slice(-capacity);
    this.items = new Array<T | undefined>(capacity);
    this.next = 0;
    this.count = 0;
    for (const item of kept) this.push(item);
  }
}
