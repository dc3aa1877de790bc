import { afterEach, describe, expect, it } from 'vitest';
import {
  HOLIDAYS_KNOWN_THROUGH,
  LIVE_REFRESH_MS,
  isTradingDay,
  isTradingTime,
  msUntilNextSession,
  refreshPlan,
} from '../../lib/quotes/trading-clock';

/** An instant given as Beijing wall-clock time, built from UTC so the machine's zone plays no part. */
function beijing(year: number, month: number, day: number, hour: number, minute: number, second = 0, ms = 0): Date {
  return new Date(Date.UTC(year, month - 1, day, hour - 8, minute, second, ms));
}

const MINUTE = 60_000;

describe('A-share sessions on an ordinary Friday (2026-01-09)', () => {
  it.each([
    ['09:14', 9, 14, false],
    ['09:15', 9, 15, true],
    ['09:30', 9, 30, true],
    ['11:30', 11, 30, true],
    ['11:31', 11, 31, false],
    ['12:00', 12, 0, false],
    ['12:59', 12, 59, false],
    ['13:00', 13, 0, true],
    ['14:59', 14, 59, true],
    ['15:00', 15, 0, true],
    ['15:01', 15, 1, false],
    ['00:00', 0, 0, false],
    ['23:59', 23, 59, false],
  ] as const)('%s is %s', (_, hour, minute, open) => {
    expect(isTradingTime(beijing(2026, 1, 9, hour, minute))).toBe(open);
  });

  it('opens at the millisecond and closes after the closing minute', () => {
    expect(isTradingTime(beijing(2026, 1, 9, 9, 14, 59, 999))).toBe(false);
    expect(isTradingTime(beijing(2026, 1, 9, 9, 15, 0, 0))).toBe(true);
    expect(isTradingTime(beijing(2026, 1, 9, 11, 30, 59, 999))).toBe(true);
    expect(isTradingTime(beijing(2026, 1, 9, 15, 0, 59, 999))).toBe(true);
    expect(isTradingTime(beijing(2026, 1, 9, 15, 1, 0, 0))).toBe(false);
  });
});

describe('trading days', () => {
  it('is closed all weekend', () => {
    expect(isTradingDay(beijing(2026, 1, 10, 10, 0))).toBe(false); // Saturday
    expect(isTradingTime(beijing(2026, 1, 10, 10, 0))).toBe(false);
    expect(isTradingTime(beijing(2026, 1, 11, 14, 0))).toBe(false); // Sunday
    expect(isTradingTime(beijing(2026, 1, 12, 10, 0))).toBe(true); // Monday
  });

  it.each([
    ['New Year 2025', 2025, 1, 1],
    ['Spring Festival 2025, first day', 2025, 1, 28],
    ['Spring Festival 2025, last day', 2025, 2, 4],
    ['Qingming 2025', 2025, 4, 4],
    ['Labour Day 2025', 2025, 5, 5],
    ['Dragon Boat 2025', 2025, 6, 2],
    ['National Day 2025, last day', 2025, 10, 8],
    ['New Year 2026, Friday', 2026, 1, 2],
    ['Spring Festival 2026, Monday', 2026, 2, 16],
    ['Spring Festival 2026, last day', 2026, 2, 23],
    ['Qingming 2026', 2026, 4, 6],
    ['Labour Day 2026', 2026, 5, 4],
    ['Dragon Boat 2026', 2026, 6, 19],
    ['Mid-Autumn 2026', 2026, 9, 25],
    ['National Day 2026', 2026, 10, 7],
  ])('is closed on %s (%i-%i-%i)', (_, year, month, day) => {
    const morning = beijing(year, month, day, 10, 0);
    expect(isTradingDay(morning)).toBe(false);
    expect(isTradingTime(morning)).toBe(false);
  });

  it.each([
    ['after Spring Festival 2025', 2025, 2, 5],
    ['after National Day 2025', 2025, 10, 9],
    ['before Spring Festival 2026', 2026, 2, 13],
    ['after Spring Festival 2026', 2026, 2, 24],
    ['after National Day 2026', 2026, 10, 8],
  ])('is open on the day %s (%i-%i-%i)', (_, year, month, day) => {
    expect(isTradingTime(beijing(year, month, day, 10, 0))).toBe(true);
  });

  it('lists holidays through 2026 at least', () => {
    expect(HOLIDAYS_KNOWN_THROUGH).toBeGreaterThanOrEqual(2026);
  });

  it('answers false for an invalid date', () => {
    expect(isTradingDay(new Date(Number.NaN))).toBe(false);
    expect(isTradingTime(new Date(Number.NaN))).toBe(false);
  });
});

describe('on a machine in another time zone', () => {
  const originalZone = process.env.TZ;
  afterEach(() => {
    if (originalZone === undefined) delete process.env.TZ;
    else process.env.TZ = originalZone;
  });

  it('uses Beijing time in New York, where it is still Sunday evening', () => {
    process.env.TZ = 'America/New_York';
    const mondayMorning = beijing(2026, 1, 12, 9, 20);
    // Proof that the zone took effect: local methods would call this a Sunday night.
    expect(mondayMorning.getDay()).toBe(0);
    expect(mondayMorning.getHours()).toBe(20);
    expect(isTradingTime(mondayMorning)).toBe(true);
    expect(isTradingTime(beijing(2026, 1, 12, 9, 14))).toBe(false);
  });

  it('uses Beijing time at UTC+14, where the afternoon session falls in the local evening', () => {
    process.env.TZ = 'Pacific/Kiritimati';
    const fridayAfternoon = beijing(2026, 1, 9, 14, 0);
    expect(fridayAfternoon.getHours()).toBe(20);
    expect(isTradingTime(fridayAfternoon)).toBe(true);
    // Local 10:00 on a Saturday there is Beijing 04:00 on Saturday: closed.
    const localSaturdayMorning = beijing(2026, 1, 10, 4, 0);
    expect(localSaturdayMorning.getHours()).toBe(10);
    expect(isTradingTime(localSaturdayMorning)).toBe(false);
  });

  it("uses Beijing time at UTC-10, where Monday's session falls on Sunday afternoon", () => {
    process.env.TZ = 'Pacific/Honolulu';
    const mondayClose = beijing(2026, 1, 12, 14, 59);
    expect(mondayClose.getDay()).toBe(0);
    expect(isTradingTime(mondayClose)).toBe(true);
    expect(refreshPlan(mondayClose, true).refresh).toBe(true);
  });
});

describe('time until the next session', () => {
  it('is zero during a session', () => {
    expect(msUntilNextSession(beijing(2026, 1, 9, 10, 0))).toBe(0);
  });

  it('is the morning auction before it', () => {
    expect(msUntilNextSession(beijing(2026, 1, 9, 8, 0))).toBe(75 * MINUTE);
  });

  it('is the afternoon session over lunch', () => {
    expect(msUntilNextSession(beijing(2026, 1, 9, 11, 31))).toBe(89 * MINUTE);
  });

  it('skips the weekend after Friday close', () => {
    const from = beijing(2026, 1, 9, 15, 1);
    expect(msUntilNextSession(from)).toBe(beijing(2026, 1, 12, 9, 15).getTime() - from.getTime());
  });

  it('skips the Spring Festival closure', () => {
    const from = beijing(2026, 2, 13, 15, 30);
    expect(msUntilNextSession(from)).toBe(beijing(2026, 2, 24, 9, 15).getTime() - from.getTime());
  });

  it('is the next morning late in the evening, across Beijing midnight', () => {
    const from = beijing(2026, 1, 12, 23, 59);
    expect(msUntilNextSession(from)).toBe(beijing(2026, 1, 13, 9, 15).getTime() - from.getTime());
  });
});

describe('refresh plan', () => {
  const trading = beijing(2026, 1, 9, 10, 0);
  const lunch = beijing(2026, 1, 9, 12, 0);
  const saturday = beijing(2026, 1, 10, 10, 0);

  it('polls a visible tab every 10 s while the market trades', () => {
    expect(refreshPlan(trading, true)).toEqual({ refresh: true, delayMs: LIVE_REFRESH_MS, reason: 'trading' });
    expect(LIVE_REFRESH_MS).toBe(10_000);
  });

  it('never polls a hidden tab', () => {
    expect(refreshPlan(trading, false)).toEqual({ refresh: false, delayMs: null, reason: 'hidden' });
    expect(refreshPlan(saturday, false)).toEqual({ refresh: false, delayMs: null, reason: 'hidden' });
  });

  it('does not poll a visible tab outside hours, and wakes it when the market opens', () => {
    expect(refreshPlan(lunch, true)).toEqual({ refresh: false, delayMs: 60 * MINUTE, reason: 'closed' });
    const weekend = refreshPlan(saturday, true);
    expect(weekend.refresh).toBe(false);
    expect(weekend.delayMs).toBe(beijing(2026, 1, 12, 9, 15).getTime() - saturday.getTime());
  });
});
