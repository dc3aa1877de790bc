/**
 * The numbers a record may hold, set by what the views can draw: a Date
 * holds ±8.64e15 ms and `toISOString` throws beyond it, so a time from a file
 * or a quote reply is taken only inside a window no real article or quote
 * falls outside of, and a price or percentage only at a size a market can
 * reach. What passes these checks renders; what fails is refused or dropped
 * where it comes in, never at the view.
 */

/** From the Unix epoch to 2200: every publication time, quote time and save time there is. */
export const TIME_WINDOW = { earliest: 0, latest: Date.UTC(2200, 0, 1) } as const;

/**
 * Prices beyond a billion and moves beyond a thousandfold are read errors, not
 * markets (the dearest share trades in the hundreds of thousands; a listing
 * day's move is a few thousand percent at most).
 */
export const QUOTE_BOUNDS = { price: 1e9, changePct: 1e5 } as const;

/** Mention counts and orders stay below the longest body a record holds, one character a mention. */
export const MENTION_BOUND = 10_000_000;

export function isPlausibleTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= TIME_WINDOW.earliest && value < TIME_WINDOW.latest;
}

export function isPlausiblePrice(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= QUOTE_BOUNDS.price;
}

export function isPlausibleChangePct(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= QUOTE_BOUNDS.changePct;
}

const ISO_MOMENT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * Whether `value` is a publication time as records keep it: ISO 8601 with a
 * zone, inside the window. `Date.parse` alone takes "x 1" and "../../2021",
 * which then reach file names and date filters as they are.
 */
export function isRecordTime(value: string): boolean {
  return ISO_MOMENT.test(value) && isPlausibleTime(Date.parse(value));
}
