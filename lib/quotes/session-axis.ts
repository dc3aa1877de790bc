/**
 * The time axis of an intraday chart: the A-share continuous sessions
 * 09:30–11:30 and 13:00–15:00 Beijing time with the lunch break closed up, so
 * 11:30 and 13:00 are one point and a day is 241 minutes (09:30, the opening
 * auction's print, then 09:31 … 11:30 and 13:01 … 15:00, as Eastmoney's trends
 * rows are stamped). Five-day charts put the days side by side.
 *
 * Everything is Beijing time computed from epoch milliseconds, never from the
 * machine's zone, as in trading-clock.ts. It imports nothing, so the content
 * script carries only this and not the holiday calendar; when a cached line
 * expires is in intraday-cache.ts, for the background.
 */
const BEIJING_OFFSET_MS = 8 * 3_600_000;

const MORNING_OPEN = 9 * 60 + 30;
const MORNING_CLOSE = 11 * 60 + 30;
const AFTERNOON_OPEN = 13 * 60;
const AFTERNOON_CLOSE = 15 * 60;
const MORNING_MINUTES = MORNING_CLOSE - MORNING_OPEN;

/** Axis slots in one trading day: 0 (09:30) … 120 (11:30 = 13:00) … 240 (15:00). */
export const MINUTES_PER_DAY = MORNING_MINUTES + (AFTERNOON_CLOSE - AFTERNOON_OPEN) + 1;

/** The slot of a Beijing minute of the day (0 = midnight), or null outside the sessions. */
export function slotOfMinute(minuteOfDay: number): number | null {
  if (!Number.isInteger(minuteOfDay)) return null;
  if (minuteOfDay >= MORNING_OPEN && minuteOfDay <= MORNING_CLOSE) return minuteOfDay - MORNING_OPEN;
  if (minuteOfDay >= AFTERNOON_OPEN && minuteOfDay <= AFTERNOON_CLOSE) return MORNING_MINUTES + minuteOfDay - AFTERNOON_OPEN;
  return null;
}

/** The Beijing clock time of a slot, "09:30" … "15:00"; the closed-up 120 reads "11:30". */
export function clockOfSlot(slot: number): string {
  const clamped = Math.min(Math.max(Math.round(slot), 0), MINUTES_PER_DAY - 1);
  const minute = clamped <= MORNING_MINUTES ? MORNING_OPEN + clamped : AFTERNOON_OPEN + clamped - MORNING_MINUTES;
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/** The Beijing calendar day of an instant, "YYYY-MM-DD". */
export function beijingDay(time: number): string {
  return new Date(time + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

/** Minutes after Beijing midnight of an instant. */
export function beijingMinuteOfDay(time: number): number {
  const shifted = new Date(time + BEIJING_OFFSET_MS);
  return shifted.getUTCHours() * 60 + shifted.getUTCMinutes();
}

/**
 * Where an instant falls on an axis of `days` (Beijing days in order, one for
 * today's chart, up to five side by side): 0 … days.length × 241 − 1, or null
 * when it is outside the sessions or on a day the axis does not show.
 */
export function axisPosition(time: number, days: readonly string[]): number | null {
  if (!Number.isFinite(time)) return null;
  const dayIndex = days.indexOf(beijingDay(time));
  const slot = slotOfMinute(beijingMinuteOfDay(time));
  return dayIndex < 0 || slot === null ? null : dayIndex * MINUTES_PER_DAY + slot;
}

/** The x of an axis position in a chart `width` wide; the first minute at 0, the last at width. */
export function xOfPosition(position: number, dayCount: number, width: number): number {
  const last = Math.max(dayCount, 1) * MINUTES_PER_DAY - 1;
  return (position / last) * width;
}
