import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  DEFAULT_WINDOW_MS,
  exportWindowFields,
  exportWindowInputSchema,
  refineExportWindowOrder,
  resolveExportWindow,
} from './export-window.ts';
import { parseRfc3339 } from './rfc3339.ts';

const iso = (date: Date | undefined) => date?.toISOString();

function issues(input: unknown): { path: string; message: string }[] {
  const result = exportWindowInputSchema.safeParse(input);
  return result.success
    ? []
    : result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

describe('parseRfc3339', () => {
  it('reads timestamps with an offset, to the millisecond', () => {
    expect(iso(parseRfc3339('2026-03-01T09:30:00+09:00'))).toBe('2026-03-01T00:30:00.000Z');
    expect(iso(parseRfc3339('2026-03-01T00:30:00Z'))).toBe('2026-03-01T00:30:00.000Z');
    expect(iso(parseRfc3339('2026-03-01t00:30:00z'))).toBe('2026-03-01T00:30:00.000Z');
    expect(iso(parseRfc3339('2026-03-01T00:00:00.5-05:30'))).toBe('2026-03-01T05:30:00.500Z');
    expect(iso(parseRfc3339('2026-03-01T23:59:59.999999+09:00'))).toBe('2026-03-01T14:59:59.999Z');
    expect(iso(parseRfc3339('2028-02-29T00:00:00+09:00'))).toBe('2028-02-28T15:00:00.000Z');
  });

  it('refuses fields that do not exist and timestamps without an offset', () => {
    for (const bad of [
      '2026-02-30T00:00:00Z',
      '2026-13-01T00:00:00Z',
      '2027-02-29T00:00:00+09:00',
      '2026-03-01T24:00:00Z',
      '2026-03-01T23:60:00Z',
      '2026-03-01T23:59:60Z',
      '2026-03-01T00:00:00+24:00',
      '2026-03-01T00:00:00+09:60',
      '2026-03-01T00:00:00',
      '2026-03-01T00:00Z',
      '2026-03-01 00:00:00Z',
      '2026-03-01T00:00:00.Z',
      '2026-03-01T00:00:00+0900',
      'yesterday',
    ]) {
      expect(parseRfc3339(bad), bad).toBeUndefined();
    }
  });

  it('reads back what toISOString writes', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1000-01-01T00:00:00Z'),
          max: new Date('9999-12-31T23:59:59.999Z'),
          noInvalidDate: true,
        }),
        (instant) => {
          expect(parseRfc3339(instant.toISOString())?.getTime()).toBe(instant.getTime());
        },
      ),
    );
  });
});

describe('exportWindowInputSchema', () => {
  it('takes a bare date as a whole day in Japan', () => {
    const parsed = exportWindowInputSchema.parse({ updatedFrom: '2026-03-01', updatedTo: '2026-03-01' });
    expect(iso(parsed.updatedFrom)).toBe('2026-02-28T15:00:00.000Z');
    expect(iso(parsed.updatedTo)).toBe('2026-03-01T14:59:59.999Z');
  });

  it('takes timestamps with an offset as they are', () => {
    const parsed = exportWindowInputSchema.parse({
      updatedFrom: '2026-03-01T10:00:00+09:00',
      updatedTo: '2026-03-01T01:00:00.001Z',
    });
    expect(iso(parsed.updatedFrom)).toBe('2026-03-01T01:00:00.000Z');
    expect(iso(parsed.updatedTo)).toBe('2026-03-01T01:00:00.001Z');
  });

  it('accepts both ends, either, or none', () => {
    expect(exportWindowInputSchema.parse({})).toEqual({});
    expect(iso(exportWindowInputSchema.parse({ updatedFrom: '2028-02-29' }).updatedFrom)).toBe(
      '2028-02-28T15:00:00.000Z',
    );
    expect(iso(exportWindowInputSchema.parse({ updatedTo: '2028-02-29' }).updatedTo)).toBe('2028-02-29T14:59:59.999Z');
  });

  it('refuses dates that do not exist, naming the field', () => {
    expect(issues({ updatedFrom: '2026-02-30' })).toEqual([
      { path: 'updatedFrom', message: expect.stringContaining('RFC 3339') },
    ]);
    expect(issues({ updatedTo: '2026-13-01' })).toEqual([
      { path: 'updatedTo', message: expect.stringContaining('YYYY-MM-DD') },
    ]);
    expect(issues({ updatedTo: '2027-02-29' }).map((i) => i.path)).toEqual(['updatedTo']);
    expect(issues({ updatedFrom: '2026-3-1' }).map((i) => i.path)).toEqual(['updatedFrom']);
    expect(issues({ updatedFrom: 20260301 }).map((i) => i.path)).toEqual(['updatedFrom']);
  });

  it('refuses updatedFrom after updatedTo, naming updatedFrom; equal ends are fine', () => {
    expect(issues({ updatedFrom: '2026-03-02', updatedTo: '2026-03-01' })).toEqual([
      { path: 'updatedFrom', message: 'must not be after updatedTo' },
    ]);
    expect(
      issues({ updatedFrom: '2026-03-01T00:00:00.001Z', updatedTo: '2026-03-01T00:00:00.000Z' }).map((i) => i.path),
    ).toEqual(['updatedFrom']);
    expect(issues({ updatedFrom: '2026-03-01T00:00:00.000Z', updatedTo: '2026-03-01T00:00:00.000Z' })).toEqual([]);
    // The same day as both ends is that whole day.
    expect(issues({ updatedFrom: '2026-03-01', updatedTo: '2026-03-01' })).toEqual([]);
    // 2026-03-01T00:00+09:00 is the first instant of 2026-03-01 in Japan, before its end.
    expect(issues({ updatedFrom: '2026-03-01T23:59:59.999+09:00', updatedTo: '2026-03-01' })).toEqual([]);
    expect(issues({ updatedFrom: '2026-03-02T00:00:00+09:00', updatedTo: '2026-03-01' }).map((i) => i.path)).toEqual([
      'updatedFrom',
    ]);
  });

  it('refuses unknown fields', () => {
    expect(issues({ updatedSince: '2026-03-01' }).length).toBe(1);
  });

  it('composes into a larger strict body with the same rules', () => {
    const body = z
      .strictObject({ ...exportWindowFields, force: z.boolean().optional() })
      .superRefine(refineExportWindowOrder);
    expect(body.safeParse({ force: true, updatedFrom: '2026-03-01' }).success).toBe(true);
    expect(body.safeParse({ updatedFrom: '2026-03-02', updatedTo: '2026-03-01' }).error?.issues[0]?.path).toEqual([
      'updatedFrom',
    ]);
  });
});

describe('resolveExportWindow', () => {
  const now = new Date('2026-03-01T05:00:00.000Z');

  it('defaults to the last 4 × 24 hours up to now', () => {
    const window = resolveExportWindow({}, now);
    expect(iso(window.from)).toBe('2026-02-25T05:00:00.000Z');
    expect(iso(window.to)).toBe(now.toISOString());
    expect(window.to.getTime() - window.from.getTime()).toBe(DEFAULT_WINDOW_MS);
  });

  it('keeps the ends given and defaults each missing one on its own', () => {
    const from = new Date('2026-01-01T00:00:00.000Z');
    const to = new Date('2026-02-01T00:00:00.000Z');
    expect(resolveExportWindow({ updatedFrom: from, updatedTo: to }, now)).toEqual({ from, to });
    expect(resolveExportWindow({ updatedFrom: from }, now)).toEqual({ from, to: now });
    expect(resolveExportWindow({ updatedTo: to }, now)).toEqual({
      from: new Date(now.getTime() - DEFAULT_WINDOW_MS),
      to,
    });
  });
});
