/**
 * Eastmoney writes times in Beijing time with no zone ("2021年12月30日 21:05");
 * records keep them as ISO 8601 with the +08:00 offset so they sort and parse
 * the same everywhere.
 */

const CHINESE_DATE = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(?:(\d{1,2})\s*[:：]\s*(\d{2})(?:\s*[:：]\s*(\d{2}))?)?/;
const ISO_LIKE = /(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?/;

/** The first Beijing date-time in `text`, as "YYYY-MM-DDTHH:mm:ss+08:00", or null. */
export function parseBeijingTime(text: string): string | null {
  const match = CHINESE_DATE.exec(text) ?? ISO_LIKE.exec(text);
  if (!match) return null;
  const [year, month, day, hour = 0, minute = 0, second = 0] = match
    .slice(1)
    .map((part) => (part === undefined ? undefined : Number(part)));
  if (year === undefined || month === undefined || day === undefined) return null;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
  // Records hold times from 1970 to 2200 (plausible-values.ts); "9999年" on a page is a typo, not a date.
  if (year < 1970 || year >= 2200) return null;
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1) return null;
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}+08:00`;
}

/** "2021-12-30 21:05" in Beijing time, for display whatever the reader's zone. */
export function formatBeijingTime(iso: string | null): string {
  if (!iso) return '';
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return match ? `${match[1]} ${match[2]}` : iso;
}

/** "2021-12-30 14:03:27" in Beijing time for a moment in ms; "" for one no Date holds. */
export function formatBeijingMoment(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '';
  const shifted = new Date(ms + 8 * 3_600_000);
  // Beyond ±8.64e15 ms a Date is invalid and toISOString throws.
  return Number.isNaN(shifted.getTime()) ? '' : shifted.toISOString().slice(0, 19).replace('T', ' ');
}

/** "14:03:27" in Beijing time for a moment in ms, whatever the reader's zone. */
export function formatBeijingClock(ms: number | null): string {
  return formatBeijingMoment(ms).slice(11);
}
