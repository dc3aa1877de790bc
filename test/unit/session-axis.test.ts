import { describe, expect, it } from 'vitest';
import {
  MINUTES_PER_DAY,
  axisPosition,
  beijingDay,
  clockOfSlot,
  slotOfMinute,
  xOfPosition,
} from '../../lib/quotes/session-axis';

/** An instant given in Beijing time. */
const bj = (text: string) => new Date(`${text}+08:00`);

describe('the session axis', () => {
  it('has 241 minutes a day, the lunch break closed up', () => {
    expect(MINUTES_PER_DAY).toBe(241);
    expect(slotOfMinute(9 * 60 + 30)).toBe(0);
    expect(slotOfMinute(11 * 60 + 30)).toBe(120);
    expect(slotOfMinute(13 * 60)).toBe(120);
    expect(slotOfMinute(13 * 60 + 1)).toBe(121);
    expect(slotOfMinute(15 * 60)).toBe(240);
  });

  it('has no place for minutes outside the sessions', () => {
    for (const minute of [9 * 60 + 25, 9 * 60 + 29, 11 * 60 + 31, 12 * 60, 12 * 60 + 59, 15 * 60 + 1, 0]) {
      expect(slotOfMinute(minute)).toBeNull();
    }
  });

  it('reads slots back as clock times', () => {
    expect([0, 1, 120, 121, 240].map(clockOfSlot)).toEqual(['09:30', '09:31', '11:30', '13:01', '15:00']);
  });

  it('puts 13:01 right after 11:30 on the x axis', () => {
    const days = ['2026-06-18'];
    const x = (clock: string) => xOfPosition(axisPosition(bj(`2026-06-18T${clock}:00`).getTime(), days)!, 1, 240);
    expect(x('09:30')).toBe(0);
    expect(x('11:30')).toBe(120);
    expect(x('13:01')).toBe(121);
    expect(x('15:00')).toBe(240);
  });

  it('sets five days side by side', () => {
    const days = ['2026-06-12', '2026-06-15', '2026-06-16', '2026-06-17', '2026-06-18'];
    expect(axisPosition(bj('2026-06-12T09:30:00').getTime(), days)).toBe(0);
    expect(axisPosition(bj('2026-06-15T09:30:00').getTime(), days)).toBe(241);
    expect(axisPosition(bj('2026-06-18T15:00:00').getTime(), days)).toBe(5 * 241 - 1);
    expect(xOfPosition(5 * 241 - 1, 5, 500)).toBe(500);
    expect(axisPosition(bj('2026-06-11T10:00:00').getTime(), days)).toBeNull();
  });

  it('works in Beijing time on any machine', () => {
    // 23:30 UTC on the 17th is 07:30 on the 18th in Beijing, before the open.
    expect(beijingDay(Date.UTC(2026, 5, 17, 23, 30))).toBe('2026-06-18');
    expect(axisPosition(Date.UTC(2026, 5, 18, 1, 30), ['2026-06-18'])).toBe(0);
  });
});
