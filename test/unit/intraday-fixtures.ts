/**
 * Replies of Eastmoney's trends2 endpoint in the shape it sends them: the
 * envelope with fields1's keys, and one "time,open,close,high,low,volume,amount,average"
 * row a minute.
 */
import { clockOfSlot } from '../../lib/quotes/session-axis';

export interface Minute {
  clock: string;
  close: number;
  open?: number;
  high?: number;
  low?: number;
  volume?: number;
}

export function trendRow(day: string, minute: Minute, average: number): string {
  const open = minute.open ?? minute.close;
  const high = minute.high ?? Math.max(open, minute.close);
  const low = minute.low ?? Math.min(open, minute.close);
  const volume = minute.volume ?? 1200;
  const amount = (volume * 100 * minute.close).toFixed(2);
  return `${day} ${minute.clock},${open.toFixed(2)},${minute.close.toFixed(2)},${high.toFixed(2)},${low.toFixed(2)},${volume},${amount},${average.toFixed(3)}`;
}

/** The first `count` minutes of a day (09:30 … 11:30, 13:01 … 15:00), priced by `path(slot)`. */
export function minutes(count: number, path: (slot: number) => number): Minute[] {
  return Array.from({ length: count }, (_, slot) => ({ clock: clockOfSlot(slot), close: path(slot) }));
}

export function trendsReply(
  rows: string[],
  { preClose = 6.18, name = '中关村', code = '000931', market = 0 }: { preClose?: number | null; name?: string; code?: string; market?: number } = {},
): unknown {
  return {
    rc: 0,
    rt: 10,
    svr: 181669437,
    lt: 1,
    full: 1,
    dlmkts: '',
    data: {
      code,
      market,
      type: 6,
      status: 0,
      name,
      decimal: 2,
      preSettlement: 0.0,
      preClose,
      beticks: '33300|34200|54000|34200|41400|46800|54000',
      trendsTotal: 241,
      time: 1781746200,
      kind: 1,
      prePrice: preClose,
      trends: rows,
    },
  };
}

/** A day of rows from minutes, the average running as Eastmoney's 均价 does. */
export function dayRows(day: string, dayMinutes: Minute[]): string[] {
  let volume = 0;
  let amount = 0;
  return dayMinutes.map((minute) => {
    const v = minute.volume ?? 1200;
    volume += v;
    amount += v * minute.close;
    return trendRow(day, minute, amount / volume);
  });
}
