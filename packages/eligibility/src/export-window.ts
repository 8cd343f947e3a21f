import { z } from 'zod';
import { endOfJstDay, isCalendarDate, startOfJstDay } from '@shopserve-sync/calendar';
import { parseRfc3339 } from './rfc3339.ts';

/** The span of `updated_at` an export takes, both ends included, to the millisecond. */
export interface ExportWindow {
  from: Date;
  to: Date;
}

/** Length of the default window: four days of 24 hours. */
export const DEFAULT_WINDOW_MS = 4 * 24 * 60 * 60 * 1000;

const BOUND_EXPECTED =
  'expected an RFC 3339 timestamp with an offset (2026-03-01T09:00:00+09:00) or a date YYYY-MM-DD that exists';

/**
 * One end of the window as text. A bare date is a whole day in Japan: `start` takes its
 * 00:00:00.000 JST, `end` its 23:59:59.999 JST.
 */
function windowBound(end: 'start' | 'end') {
  return z.string().transform((text, ctx): Date => {
    if (isCalendarDate(text)) return end === 'start' ? startOfJstDay(text) : endOfJstDay(text);
    const instant = parseRfc3339(text);
    if (instant) return instant;
    ctx.addIssue({ code: 'custom', message: BOUND_EXPECTED });
    return z.NEVER;
  });
}

/**
 * The two fields as they arrive from the manual trigger, for APIs that put them in a larger object
 * (`z.strictObject({ ...exportWindowFields, shopIds, ... }).superRefine(refineExportWindowOrder)`).
 * Parsed, they are instants.
 */
export const exportWindowFields = {
  updatedFrom: windowBound('start').optional(),
  updatedTo: windowBound('end').optional(),
};

/** Refuses `updatedFrom` after `updatedTo`, naming `updatedFrom`. Equal ends are a window of one millisecond. */
export function refineExportWindowOrder(
  value: { updatedFrom?: Date | undefined; updatedTo?: Date | undefined },
  ctx: z.RefinementCtx,
): void {
  if (value.updatedFrom && value.updatedTo && value.updatedFrom.getTime() > value.updatedTo.getTime()) {
    ctx.addIssue({ code: 'custom', path: ['updatedFrom'], message: 'must not be after updatedTo' });
  }
}

/** `{ updatedFrom?, updatedTo? }`, strict, ends in order; the output holds instants. */
export const exportWindowInputSchema = z.strictObject(exportWindowFields).superRefine(refineExportWindowOrder);

export type ExportWindowInput = z.input<typeof exportWindowInputSchema>;
export type ParsedExportWindowInput = z.output<typeof exportWindowInputSchema>;

/**
 * The window an export run uses. Each end left out takes its default, which together make the
 * window of the scheduled run: **the last 4 days up to now**, read as `from = now − 4 × 24 h`
 * and `to = now`. Four days of 24 hours, not four calendar days: the export runs every 30
 * minutes, so a sliding span of fixed length gives every update the same number of chances,
 * whatever the hour of the run. (The calendar-day rule for never-updated orders is separate, see
 * `checkEligibility`.)
 *
 * `updatedFrom` without `updatedTo` runs until now; when that `updatedFrom` lies in the future the
 * window is empty (`from > to`) and only never-updated orders can be eligible.
 */
export function resolveExportWindow(input: ParsedExportWindowInput, now: Date): ExportWindow {
  return {
    from: input.updatedFrom ?? new Date(now.getTime() - DEFAULT_WINDOW_MS),
    to: input.updatedTo ?? now,
  };
}
