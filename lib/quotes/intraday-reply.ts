/**
 * Eastmoney's intraday (分时) endpoint, the one its quote pages draw their
 * day line from:
 *
 *   GET https://push2his.eastmoney.com/api/qt/stock/trends2/get?secid=0.000931
 *       &fields1=f1,…,f13&fields2=f51,…,f58&ndays=1&iscr=0
 *   → {"rc":0,"data":{"code":"000931","market":0,"name":"中关村","decimal":2,"preClose":6.18,
 *      "trendsTotal":241,"trends":["2026-06-18 09:30,6.18,6.18,6.18,6.18,2410,1489380.00,6.180",…]}}
 *
 * One row a minute, `fields2` in order. What each column is, and where that was learned:
 *
 *   f51  time, Beijing, "YYYY-MM-DD HH:MM", the minute the row closes
 *   f52  open of the minute
 *   f53  close of the minute: the price the line draws
 *   f54  high of the minute
 *   f55  low of the minute
 *   f56  volume, in lots (手, 100 shares) for A-shares
 *   f57  amount (成交额), yuan
 *   f58  average price of the day so far (均价)
 *
 *   - akfamily/akshare, akshare/stock_feature/stock_hist_em.py, stock_zh_a_hist_min_em
 *     (period "1") and stock_zh_a_hist_pre_min_em: columns 时间, 开盘, 收盘, 最高, 最低,
 *     成交量, 成交额, and f58 labelled 最新价.
 *   - Micro-sheep/efinance, efinance/common/getter.py get_latest_ndays_quote with
 *     EASTMONEY_KLINE_NDAYS_FIELDS in efinance/common/config.py: f51 日期, f52 开盘,
 *     f53 收盘, f54 最高, f55 最低, f56 成交量, f57 成交额 (it asks for f51–f57 only). Its
 *     TODO notes that with ndays > 1 the first day's open comes as 0.
 *   - jones2000/HQChart-Super, hqchart_super_eastmoney_demo_uniapp/pages/index/HQData.js,
 *     RecvMinuteData: reads column 5 as volume (×100 for A-shares), 6 amount, 7 average
 *     price (avprice), which settles f58 as the average rather than akshare's 最新价. It
 *     reads columns 1–4 as open, high, low, price: the one source against f53 = close.
 *   - Several smaller public clients of the same endpoint agree with akshare and efinance
 *     on 1–4 (open, close, high, low), 5 volume, 6 amount, 7 average: a Java
 *     EastMoneyStockService (OPEN/CLOSE/HIGH/LOW/VOLUME/AMOUNT/AVERAGE_PRICE_INDEX 1–7), a
 *     Python EastmoneyRealtimeService._parse_trend_line, and a quote-view server that
 *     reads price = column 2 and average = column 7 "as the C# client does".
 *
 * So f53 is taken as the price, by four sources to one. Were HQChart right, f53 would
 * be the minute's high and f55 its price; every row would then break the checks below
 * (the "high" under the "close" on any minute that moved), and the reply would be
 * classified malformed rather than drawn wrong.
 *
 * Nothing about the reply is promised, so every row is checked, and a row whose numbers
 * do not fit (not a number, not finite, negative volume, high under low, close outside
 * its high and low, a price far off the previous close, a minute outside the sessions or
 * out of order) is odd and not drawn. The reply as a whole is ok, empty (no rows: a
 * suspended security, or before the first minute) or malformed; nothing here throws.
 */
import { parseSecid } from '../securities';
import { slotOfMinute } from './session-axis';

export const DEFAULT_INTRADAY_API = 'https://push2his.eastmoney.com';

/**
 * The host permission the background needs to ask it. Browsers ignore the path of a
 * host permission (Chrome: "for host permissions, the path is required but ignored"),
 * so the origin is as narrow as it gets.
 */
export const INTRADAY_HOST_PERMISSION = 'https://push2his.eastmoney.com/*';

const TRENDS_PATH = '/api/qt/stock/trends2/get';
const FIELDS1 = 'f1,f2,f3,f4,f5,f6,f7,f8,f9,f10,f11,f12,f13';
const FIELDS2 = 'f51,f52,f53,f54,f55,f56,f57,f58';
const COLUMNS = 8;

/** Today's session, or the last five side by side. */
export type IntradayDays = 1 | 5;

/**
 * A price further than this factor from the previous close, either way, is not
 * believed. Daily limits are 10–30 %, five days of 20 % limits reach 2.5×, and a
 * first day of listing rarely passes 5×; a wrong scale (prices in cents) or a
 * wrong column (volume in the price) is off by far more.
 */
const PRICE_BAND = 5;

/** More rows than five full days means something else came back. */
const MAX_ROWS = 5 * 241 + 50;

/** More than one odd row in ten and the reply is not trusted at all. */
const ODD_SHARE = 0.1;

export interface IntradayPoint {
  /** The minute, ms since the epoch. */
  time: number;
  /** Its Beijing day, "YYYY-MM-DD", and clock, "HH:MM", as Eastmoney wrote them. */
  day: string;
  clock: string;
  /** Null where Eastmoney sent 0 (the first day of a five-day reply does). */
  open: number | null;
  close: number;
  high: number;
  low: number;
  /** Lots (手) for A-shares. */
  volume: number;
  amount: number;
  /** The day's average price so far; null where not sent or not positive. */
  average: number | null;
}

export interface IntradayLine {
  secid: string | null;
  name: string | null;
  /** The baseline the chart is drawn against. */
  prevClose: number;
  /** Decimal places Eastmoney quotes the security in, when it said. */
  decimals: number | null;
  /** The Beijing days the points cover, in order. */
  days: string[];
  points: IntradayPoint[];
  /** Rows dropped as odd. */
  oddRows: number;
}

export type IntradayReply =
  | { status: 'ok'; line: IntradayLine }
  | { status: 'empty'; name: string | null; prevClose: number | null }
  | { status: 'malformed'; reason: string };

/**
 * The URL for a security's intraday line, or null for a secid that is not one.
 * `apiBase` is the end-to-end tests' local server; a path prefix is kept.
 */
export function intradayUrl(secid: string, days: IntradayDays = 1, apiBase: string = DEFAULT_INTRADAY_API): string | null {
  const security = typeof secid === 'string' ? parseSecid(secid) : null;
  if (!security) return null;
  const base = new URL(apiBase);
  const prefix = base.pathname.replace(/\/+$/, '');
  const ndays = days === 5 ? 5 : 1;
  return `${base.origin}${prefix}${TRENDS_PATH}?secid=${security.secid}&fields1=${FIELDS1}&fields2=${FIELDS2}&ndays=${ndays}&iscr=0`;
}

/**
 * Whether the intraday chart applies: Shanghai and Shenzhen (markets 0 and 1) and
 * Eastmoney's sectors (90) trade in the A-share sessions the axis knows; Hong Kong,
 * US, futures and forex keep other hours.
 */
export function hasAShareSessions(secid: string): boolean {
  const security = parseSecid(secid);
  return security !== null && (security.market === 0 || security.market === 1 || security.market === 90);
}

/** What a reply holds, classified; never throws. */
export function readIntradayReply(json: unknown): IntradayReply {
  try {
    return readEnvelope(json);
  } catch {
    return { status: 'malformed', reason: 'reply could not be read' };
  }
}

function readEnvelope(json: unknown): IntradayReply {
  if (!isRecord(json)) return malformed('reply is not an object');
  if (json.rc !== undefined && json.rc !== 0) return malformed(`rc ${String(json.rc).slice(0, 20)}`);
  // Eastmoney answers an unknown secid with data: null; there is nothing to draw
  // and nothing to say about the security, so it is not an empty day either.
  if (!isRecord(json.data)) return malformed(json.data === null ? 'data is null' : 'data is not an object');
  const data = json.data;
  if (!Array.isArray(data.trends)) return malformed('data.trends is not a list');
  const name = typeof data.name === 'string' && data.name.trim() !== '' ? data.name.trim() : null;
  const prevClose = readNumber(data.preClose);
  const baseline = prevClose !== null && prevClose > 0 ? prevClose : null;
  const rows: unknown[] = data.trends;
  if (rows.length === 0) return { status: 'empty', name, prevClose: baseline };
  if (baseline === null) return malformed('no previous close to draw against');
  if (rows.length > MAX_ROWS) return malformed(`${rows.length} rows`);

  const points: IntradayPoint[] = [];
  let odd = 0;
  for (const row of rows) {
    const point = readRow(row, baseline);
    const previous = points[points.length - 1];
    if (point && (!previous || point.time > previous.time)) points.push(point);
    else odd += 1;
  }
  if (points.length === 0) return malformed(`all ${rows.length} rows odd`);
  if (odd > rows.length * ODD_SHARE) return malformed(`${odd} of ${rows.length} rows odd`);

  const market = readNumber(data.market);
  const security = typeof data.code === 'string' && market !== null ? parseSecid(`${market}.${data.code}`) : null;
  const decimals = readNumber(data.decimal);
  return {
    status: 'ok',
    line: {
      secid: security?.secid ?? null,
      name,
      prevClose: baseline,
      decimals: decimals !== null && Number.isInteger(decimals) && decimals >= 0 && decimals <= 8 ? decimals : null,
      days: [...new Set(points.map((point) => point.day))],
      points,
      oddRows: odd,
    },
  };
}

const ROW_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/;

function readRow(row: unknown, prevClose: number): IntradayPoint | null {
  if (typeof row !== 'string') return null;
  const columns = row.split(',');
  if (columns.length !== COLUMNS) return null;
  const [stamp, ...rest] = columns as [string, ...string[]];
  const time = readTime(stamp.trim());
  if (time === null) return null;
  const numbers = rest.slice(0, 6).map(readNumber);
  if (numbers.some((value) => value === null)) return null;
  const [open, close, high, low, volume, amount] = numbers as number[] as [number, number, number, number, number, number];
  const averageText = rest[6]!.trim();
  const average = averageText === '' || averageText === '-' ? null : readNumber(averageText);
  if (average === null && averageText !== '' && averageText !== '-') return null;
  if (close <= 0 || low <= 0 || high < low || close > high || close < low) return null;
  // 0 is how Eastmoney leaves out an open it does not have; any other must lie in the minute's range.
  if (open !== 0 && (open < low || open > high)) return null;
  if (volume < 0 || amount < 0) return null;
  if (close > prevClose * PRICE_BAND || close < prevClose / PRICE_BAND) return null;
  return {
    time: time.ms,
    day: time.day,
    clock: time.clock,
    open: open === 0 ? null : open,
    close,
    high,
    low,
    volume,
    amount,
    average: average !== null && average > 0 ? average : null,
  };
}

function readTime(stamp: string): { ms: number; day: string; clock: string } | null {
  const match = ROW_TIME.exec(stamp);
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return null;
  if (slotOfMinute(hour * 60 + minute) === null) return null;
  const utc = Date.UTC(year, month - 1, day, hour, minute);
  if (new Date(utc).getUTCDate() !== day) return null;
  return { ms: utc - 8 * 3_600_000, day: stamp.slice(0, 10), clock: stamp.slice(11) };
}

/** A finite number, from a number or a numeric string; "-", "", NaN and the rest are null. */
function readNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string' || !/^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(value)) return null;
  const number = Number(value);
  return Number.isFinite(number) ? number : null;
}

function malformed(reason: string): IntradayReply {
  return { status: 'malformed', reason };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
