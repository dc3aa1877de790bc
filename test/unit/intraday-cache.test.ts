import { describe, expect, it } from 'vitest';
import { intradayCacheUntil } from '../../lib/quotes/intraday-cache';

/** An instant given in Beijing time. */
const bj = (text: string) => new Date(`${text}+08:00`);

describe('how long an intraday line is cached', () => {
  it('until the next minute while the market trades', () => {
    expect(intradayCacheUntil(bj('2026-06-18T10:15:42'))).toBe(bj('2026-06-18T10:16:00').getTime());
    expect(intradayCacheUntil(bj('2026-06-18T14:59:59'))).toBe(bj('2026-06-18T15:00:00').getTime());
  });

  it('over lunch, until the afternoon session', () => {
    expect(intradayCacheUntil(bj('2026-06-18T12:10:00'))).toBe(bj('2026-06-18T13:00:00').getTime());
  });

  it('after the close, until the next trading day’s first session, past weekends and holidays', () => {
    // Thursday 2026-06-18; the Dragon Boat closure runs Friday 19th to Sunday 21st.
    expect(intradayCacheUntil(bj('2026-06-18T15:30:00'))).toBe(bj('2026-06-22T09:15:00').getTime());
    expect(intradayCacheUntil(bj('2026-06-13T11:00:00'))).toBe(bj('2026-06-15T09:15:00').getTime());
  });
});
