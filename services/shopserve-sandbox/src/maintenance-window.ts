import { JST_OFFSET_MS } from './jst-time.ts';

const HOUR_MS = 60 * 60 * 1000;
const WEDNESDAY = 3;

export interface TimeWindow {
  /** Epoch milliseconds, included. */
  startMs: number;
  /** Epoch milliseconds, excluded. */
  endMs: number;
}

/** ShopServe's planned maintenance of a month (1-12): its 3rd Wednesday, 02:00 to 08:00 JST. */
export function monthlyMaintenanceWindow(year: number, month: number): TimeWindow {
  const firstWeekday = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
  const firstWednesday = 1 + ((WEDNESDAY - firstWeekday + 7) % 7);
  const startMs = Date.UTC(year, month - 1, firstWednesday + 14, 2) - JST_OFFSET_MS;
  return { startMs, endMs: startMs + 6 * HOUR_MS };
}

/** The Japanese calendar month an instant falls in. */
function jstMonth(epochMs: number): { year: number; month: number } {
  const shifted = new Date(epochMs + JST_OFFSET_MS);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1 };
}

/** The planned window `epochMs` lies in, if it lies in one. */
export function maintenanceWindowAt(epochMs: number): TimeWindow | undefined {
  const { year, month } = jstMonth(epochMs);
  const window = monthlyMaintenanceWindow(year, month);
  return epochMs >= window.startMs && epochMs < window.endMs ? window : undefined;
}

/** The first planned window that has not ended at `epochMs`. */
export function nextMaintenanceWindow(epochMs: number): TimeWindow {
  const { year, month } = jstMonth(epochMs);
  const window = monthlyMaintenanceWindow(year, month);
  if (epochMs < window.endMs) return window;
  return month === 12 ? monthlyMaintenanceWindow(year + 1, 1) : monthlyMaintenanceWindow(year, month + 1);
}

export type MaintenanceMode = 'off' | 'on' | 'schedule';

/**
 * Whether a call at `epochMs` meets maintenance, and the whole seconds (at least 1) to tell it to
 * wait: to the window's end under the schedule, the configured guess when switched on by hand.
 */
export function maintenanceRetryAfter(
  maintenance: { mode: MaintenanceMode; retryAfterSeconds: number },
  epochMs: number,
): number | undefined {
  switch (maintenance.mode) {
    case 'off':
      return undefined;
    case 'on':
      return maintenance.retryAfterSeconds;
    case 'schedule': {
      const window = maintenanceWindowAt(epochMs);
      return window === undefined ? undefined : Math.max(1, Math.ceil((window.endMs - epochMs) / 1000));
    }
  }
}
