/**
 * When A-share quotes move, and so when it is worth asking for them again.
 *
 * Everything is computed in Beijing time (UTC+8, no daylight saving) from
 * `date.getTime()`, never from the local-time methods, so a reader in
 * Frankfurt or New York gets the same answer as one in Shanghai.
 *
 * Sessions (Monday to Friday): 09:15–11:30 and 13:00–15:00. Continuous
 * trading starts at 09:30, but the call auction from 09:15 already moves the
 * indicative price, which Eastmoney shows. Each session is counted open
 * through its closing minute (until 11:31 and 15:01) so that one more fetch
 * picks up the final price the exchange prints just after the bell.
 */

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const BEIJING_OFFSET_MS = 8 * 60 * MINUTE_MS;

/** Minutes after Beijing midnight: [opens, closes) per session. */
const SESSIONS: ReadonlyArray<readonly [number, number]> = [
  [9 * 60 + 15, 11 * 60 + 31],
  [13 * 60, 15 * 60 + 1],
];

/** How often a visible tab refreshes while the market trades. */
export const LIVE_REFRESH_MS = 10_000;

/**
 * Weekday closures of the Shanghai and Shenzhen exchanges, as inclusive
 * Beijing date ranges copied from the exchanges' yearly notices (关于…年部分
 * 节假日休市安排的通知, published each December: for 2025 on 2024-12-23, for
 * 2026 on 2025-12-22). Ranges include the weekend days the notices name, which
 * are closed anyway.
 *
 * This list MUST be extended every December when the next year's notice is
 * out: past its last year every weekday is taken as a trading day, which at
 * worst means a visible tab polls through a holiday and gets unchanging quotes.
 */
const EXCHANGE_CLOSURES: ReadonlyArray<readonly [string, string, string]> = [
  ['2025-01-01', '2025-01-01', 'New Year'],
  ['2025-01-28', '2025-02-04', 'Spring Festival'],
  ['2025-04-04', '2025-04-06', 'Qingming'],
  ['2025-05-01', '2025-05-05', 'Labour Day'],
  ['2025-05-31', '2025-06-02', 'Dragon Boat'],
  ['2025-10-01', '2025-10-08', 'National Day and Mid-Autumn'],
  ['2026-01-01', '2026-01-03', 'New Year'],
  ['2026-02-15', '2026-02-23', 'Spring Festival'],
  ['2026-04-04', '2026-04-06', 'Qingming'],
  ['2026-05-01', '2026-05-05', 'Labour Day'],
  ['2026-06-19', '2026-06-21', 'Dragon Boat'],
  ['2026-09-25', '2026-09-27', 'Mid-Autumn'],
  ['2026-10-01', '2026-10-07', 'National Day'],
];

/** The last year whose closures are listed above. */
export const HOLIDAYS_KNOWN_THROUGH = Math.max(...EXCHANGE_CLOSURES.map(([first]) => Number(first.slice(0, 4))));

const CLOSED_DAYS: ReadonlySet<number> = new Set(
  EXCHANGE_CLOSURES.flatMap(([first, last]) => {
    const days: number[] = [];
    for (let day = dayNumber(first); day <= dayNumber(last); day += 1) days.push(day);
    return days;
  }),
);

/** Is the exchange open on this Beijing calendar day (a weekday and no holiday)? */
export function isTradingDay(date: Date): boolean {
  if (!Number.isFinite(date.getTime())) return false;
  const day = beijingDayNumber(date.getTime());
  return isWeekday(day) && !CLOSED_DAYS.has(day);
}

/** Is the A-share market in a session (call auction included) at this instant? */
export function isTradingTime(date: Date): boolean {
  if (!isTradingDay(date)) return false;
  const minute = beijingMinuteOfDay(date.getTime());
  return SESSIONS.some(([opens, closes]) => minute >= opens && minute < closes);
}

/** Milliseconds until the next session opens; 0 while one is open. */
export function msUntilNextSession(date: Date): number {
  const now = date.getTime();
  if (!Number.isFinite(now)) return DAY_MS;
  if (isTradingTime(date)) return 0;
  const today = beijingDayNumber(now);
  // The longest closure (Spring Festival plus weekends) is under two weeks.
  for (let day = today; day <= today + 31; day += 1) {
    if (!isWeekday(day) || CLOSED_DAYS.has(day)) continue;
    for (const [opens] of SESSIONS) {
      const start = day * DAY_MS + opens * MINUTE_MS - BEIJING_OFFSET_MS;
      if (start > now) return start - now;
    }
  }
  // Unreachable with the list above; a day's wait keeps callers from spinning.
  return DAY_MS;
}

export interface RefreshPlan {
  /** Are quotes live now, so that the tab keeps polling? */
  refresh: boolean;
  /**
   * When to fetch next, from now: every 10 s while trading; for a visible tab
   * outside hours, the next session's opening (the quotes fetched once hold
   * until then); null for a hidden tab, which waits until it is shown.
   */
  delayMs: number | null;
  reason: 'trading' | 'closed' | 'hidden';
}

/**
 * The refresh policy for one tab. A hidden tab never polls: nobody is
 * looking, and Eastmoney should not see a request every 10 s per background
 * tab. When it becomes visible again it fetches once and asks again.
 */
export function refreshPlan(date: Date, visible: boolean): RefreshPlan {
  if (!visible) return { refresh: false, delayMs: null, reason: 'hidden' };
  if (isTradingTime(date)) return { refresh: true, delayMs: LIVE_REFRESH_MS, reason: 'trading' };
  return { refresh: false, delayMs: msUntilNextSession(date), reason: 'closed' };
}

/** Days since 1970-01-01 of a "YYYY-MM-DD" date. */
function dayNumber(isoDate: string): number {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

/** Days since 1970-01-01 of the Beijing calendar day containing `time`. */
function beijingDayNumber(time: number): number {
  return Math.floor((time + BEIJING_OFFSET_MS) / DAY_MS);
}

function beijingMinuteOfDay(time: number): number {
  const msIntoDay = (((time + BEIJING_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS;
  return Math.floor(msIntoDay / MINUTE_MS);
}

function isWeekday(dayNumber: number): boolean {
  // 1970-01-01 was a Thursday (4); Sunday is 0.
  const weekday = (((dayNumber + 4) % 7) + 7) % 7;
  return weekday !== 0 && weekday !== 6;
}
