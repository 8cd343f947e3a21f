import type { ErrorCode } from './shopserve-contract.ts';
import type { FaultKind } from './faults.ts';
import { RingBuffer } from './ring-buffer.ts';

/** One call to `/v2` as the sandbox saw it. Never holds credentials. */
export interface JournalEntry {
  /** When it arrived, on the sandbox clock (RFC 3339, UTC). */
  at: string;
  method: string;
  /** Path without the query, as sent (URL-encoded). */
  path: string;
  /** The user of HTTP Basic, when the call had readable credentials. */
  shopId: string | null;
  orderNumber: string | null;
  /** The body as parsed JSON, its text when it was not JSON, null when there was none. */
  body: unknown;
  /** null when the call got no answer (hang, drop). */
  status: number | null;
  code: ErrorCode | null;
  /** The injected fault that decided the answer, if any. */
  fault: FaultKind | null;
}

export interface JournalFilter {
  shopId?: string | undefined;
  orderNumber?: string | undefined;
}

/** The latest calls, oldest first, bounded so that a long run cannot exhaust memory. */
export class Journal {
  private readonly entries: RingBuffer<JournalEntry>;

  constructor(capacity: number) {
    this.entries = new RingBuffer(capacity);
  }

  record(entry: JournalEntry): void {
    this.entries.push(entry);
  }

  list(filter: JournalFilter = {}): JournalEntry[] {
    return this.entries
      .toArray()
      .filter(
        (entry) =>
          (filter.shopId === undefined || entry.shopId === filter.shopId) &&
          (filter.orderNumber === undefined || entry.orderNumber === filter.orderNumber),
      );
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
  }

  resize(capacity: number): void {
    this.entries.resize(capacity);
  }
}
