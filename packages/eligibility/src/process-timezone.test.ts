import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

/**
 * The process's `TZ` must change nothing. A `TZ` cannot be switched reliably inside a running
 * process, so each zone gets a process of its own, which evaluates the same edge cases and prints
 * them. (An integration test because it starts processes.)
 */

const repositoryRoot = join(import.meta.dirname, '../../..');
const packageEntry = join(import.meta.dirname, 'index.ts');
const calendarEntry = join(repositoryRoot, 'packages/calendar/src/index.ts');

// Runs in the child: every public computation that involves dates, at their edges (the calendar's
// and eligibility's).
const probe = `
const m = await import(process.argv[1]);
const c = await import(process.argv[2]);
const instants = ['2026-03-01T14:59:59.999Z', '2026-03-01T15:00:00.000Z', '2028-02-28T15:00:00.000Z',
  '2029-02-28T14:59:59.999Z', '2026-11-08T09:30:00.000Z', '2026-03-08T10:00:00.000Z'].map((t) => new Date(t));
const dates = ['2028-02-29', '2029-02-28', '2026-03-08', '2026-11-01', '2026-12-31'];
const window = m.resolveExportWindow(m.exportWindowInputSchema.parse({ updatedFrom: '2026-03-08', updatedTo: '2026-11-01' }), instants[0]);
const orders = instants.map((ordered_at) => ({ mall: 'shopserve', status: 'shipped', ordered_at, updated_at: null }));
console.log(JSON.stringify({
  offsetMinutes: new Date('2026-07-01T00:00:00Z').getTimezoneOffset(),
  jstDates: instants.map(c.jstDate),
  starts: dates.map((d) => c.startOfJstDay(d).toISOString()),
  ends: dates.map((d) => c.endOfJstDay(d).toISOString()),
  plusMinus: dates.map((d) => [c.addJstDays(d, 1), c.addJstDays(d, -4)]),
  yearBefore: dates.map(c.oneYearBefore),
  window: [window.from.toISOString(), window.to.toISOString()],
  eligibility: instants.flatMap((now) => orders.map((o) => m.checkEligibility(o, { orderApiEnabled: true }, window, now))),
  query: m.eligibleOrdersQuery({ shopId: 'shop-001', window, now: instants[3], limit: 10 }).values,
}));
`;

async function evaluateIn(timeZone: string): Promise<{ offsetMinutes: number } & Record<string, unknown>> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', probe, packageEntry, calendarEntry],
    { cwd: repositoryRoot, env: { ...process.env, TZ: timeZone }, timeout: 30_000 },
  );
  return JSON.parse(stdout) as { offsetMinutes: number } & Record<string, unknown>;
}

describe('Japan-time arithmetic under any process TZ', () => {
  it('gives the same answers in Los Angeles, Tokyo and Kathmandu', async () => {
    const zones = ['America/Los_Angeles', 'Asia/Tokyo', 'Asia/Kathmandu'];
    const results = await Promise.all(zones.map(evaluateIn));
    // The children did run in different zones (Los Angeles is on daylight time in July).
    expect(results.map((r) => r.offsetMinutes)).toEqual([420, -540, -345]);

    const answers = results.map(({ offsetMinutes: _, ...rest }) => rest);
    for (const answer of answers.slice(1)) expect(answer).toEqual(answers[0]);
    expect(answers[0]).toMatchObject({
      jstDates: ['2026-03-01', '2026-03-02', '2028-02-29', '2029-02-28', '2026-11-08', '2026-03-08'],
      starts: [
        '2028-02-28T15:00:00.000Z',
        '2029-02-27T15:00:00.000Z',
        '2026-03-07T15:00:00.000Z',
        '2026-10-31T15:00:00.000Z',
        '2026-12-30T15:00:00.000Z',
      ],
      yearBefore: ['2027-02-28', '2028-02-28', '2025-03-08', '2025-11-01', '2025-12-31'],
      window: ['2026-03-07T15:00:00.000Z', '2026-11-01T14:59:59.999Z'],
    });
  });
});
