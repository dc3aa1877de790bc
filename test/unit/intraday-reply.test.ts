import { describe, expect, it } from 'vitest';
import {
  INTRADAY_HOST_PERMISSION,
  hasAShareSessions,
  intradayUrl,
  readIntradayReply,
  type IntradayLine,
  type IntradayReply,
} from '../../lib/quotes/intraday-reply';
import { dayRows, minutes, trendRow, trendsReply } from './intraday-fixtures';

const DAY = '2026-06-18';

function lineOf(reply: IntradayReply): IntradayLine {
  if (reply.status !== 'ok') throw new Error(`expected ok, got ${JSON.stringify(reply)}`);
  return reply.line;
}

const wave = (slot: number) => 6.18 + Math.sin(slot / 20) * 0.1;

describe('the trends URL', () => {
  it('asks for one day, every row column, and no call auction', () => {
    const url = new URL(intradayUrl('0.000931')!);
    expect(url.origin).toBe('https://push2his.eastmoney.com');
    expect(url.pathname).toBe('/api/qt/stock/trends2/get');
    expect(url.searchParams.get('secid')).toBe('0.000931');
    expect(url.searchParams.get('fields1')).toBe('f1,f2,f3,f4,f5,f6,f7,f8,f9,f10,f11,f12,f13');
    expect(url.searchParams.get('fields2')).toBe('f51,f52,f53,f54,f55,f56,f57,f58');
    expect(url.searchParams.get('ndays')).toBe('1');
    expect(url.searchParams.get('iscr')).toBe('0');
  });

  it('asks for five days on the toggle, and normalises the secid', () => {
    const url = new URL(intradayUrl('90.bk0473', 5)!);
    expect(url.searchParams.get('ndays')).toBe('5');
    expect(url.searchParams.get('secid')).toBe('90.BK0473');
  });

  it('uses the local test server, path prefix included', () => {
    expect(intradayUrl('1.600519', 1, 'http://127.0.0.1:4321/proxy/')).toMatch(
      /^http:\/\/127\.0\.0\.1:4321\/proxy\/api\/qt\/stock\/trends2\/get\?secid=1\.600519&/,
    );
  });

  it('builds nothing for what is not a secid', () => {
    expect(intradayUrl('600519')).toBeNull();
    expect(intradayUrl('garbage')).toBeNull();
  });

  it('needs only the trends host, which the URL is on', () => {
    expect(INTRADAY_HOST_PERMISSION).toBe('https://push2his.eastmoney.com/*');
    expect(new URL(intradayUrl('1.600519')!).origin).toBe(new URL(INTRADAY_HOST_PERMISSION.replace('*', '')).origin);
  });

  it('applies to markets that trade in the A-share sessions', () => {
    expect(hasAShareSessions('1.600519')).toBe(true);
    expect(hasAShareSessions('0.000931')).toBe(true);
    expect(hasAShareSessions('90.BK0473')).toBe(true);
    expect(hasAShareSessions('116.00700')).toBe(false);
    expect(hasAShareSessions('105.AAPL')).toBe(false);
  });
});

describe('a normal day', () => {
  const reply = readIntradayReply(trendsReply(dayRows(DAY, minutes(241, wave))));

  it('reads all 241 minutes, 09:30 to 15:00, with the previous close as baseline', () => {
    const line = lineOf(reply);
    expect(line.points).toHaveLength(241);
    expect(line.points[0]!.clock).toBe('09:30');
    expect(line.points[120]!.clock).toBe('11:30');
    expect(line.points[121]!.clock).toBe('13:01');
    expect(line.points.at(-1)!.clock).toBe('15:00');
    expect(line.prevClose).toBe(6.18);
    expect(line.name).toBe('中关村');
    expect(line.secid).toBe('0.000931');
    expect(line.decimals).toBe(2);
    expect(line.days).toEqual([DAY]);
    expect(line.oddRows).toBe(0);
  });

  it('takes f53 as the price, f56 as volume and f58 as the average', () => {
    const line = lineOf(
      readIntradayReply(trendsReply(['2026-06-18 09:31,6.20,6.23,6.25,6.19,3412,2125676.00,6.221'])),
    );
    expect(line.points[0]).toMatchObject({ open: 6.2, close: 6.23, high: 6.25, low: 6.19, volume: 3412, amount: 2125676, average: 6.221 });
  });

  it('stamps minutes in Beijing time, whatever the machine zone', () => {
    const line = lineOf(reply);
    expect(new Date(line.points[0]!.time).toISOString()).toBe('2026-06-18T01:30:00.000Z');
    expect(new Date(line.points.at(-1)!.time).toISOString()).toBe('2026-06-18T07:00:00.000Z');
  });
});

describe('the lunch break', () => {
  it('is a morning of rows and nothing between 11:30 and 13:00', () => {
    const line = lineOf(readIntradayReply(trendsReply(dayRows(DAY, minutes(121, wave)))));
    expect(line.points).toHaveLength(121);
    expect(line.points.at(-1)!.clock).toBe('11:30');
  });

  it('does not believe a row stamped inside the break', () => {
    const rows = dayRows(DAY, minutes(121, wave));
    rows.push(trendRow(DAY, { clock: '12:15', close: 6.2 }, 6.2));
    const line = lineOf(readIntradayReply(trendsReply(rows)));
    expect(line.points.map((point) => point.clock)).not.toContain('12:15');
    expect(line.oddRows).toBe(1);
  });
});

describe('a half day', () => {
  it('draws the minutes there were: a market halted at 09:59', () => {
    const line = lineOf(readIntradayReply(trendsReply(dayRows('2016-01-07', minutes(30, (slot) => 3296.26 - slot * 8)), { preClose: 3361.84 })));
    expect(line.points).toHaveLength(30);
    expect(line.points.at(-1)!.clock).toBe('09:59');
    expect(line.days).toEqual(['2016-01-07']);
  });
});

describe('five days', () => {
  it('lists each day once, in order, and tolerates the first day’s open of 0', () => {
    const days = ['2026-06-12', '2026-06-15', '2026-06-16', '2026-06-17', '2026-06-18'];
    const rows = days.flatMap((day) => dayRows(day, minutes(241, wave)));
    rows[0] = rows[0]!.replace(/^([^,]+),[^,]+,/, '$1,0.00,');
    const line = lineOf(readIntradayReply(trendsReply(rows)));
    expect(line.days).toEqual(days);
    expect(line.points).toHaveLength(5 * 241);
    expect(line.points[0]!.open).toBeNull();
  });
});

describe('nothing to draw', () => {
  it('a suspended security: no rows is empty, with the name and the previous close', () => {
    expect(readIntradayReply(trendsReply([], { name: '停牌股', preClose: 12.3 }))).toEqual({
      status: 'empty',
      name: '停牌股',
      prevClose: 12.3,
    });
  });

  it('an empty reply without a previous close is still empty', () => {
    expect(readIntradayReply(trendsReply([], { preClose: null }))).toMatchObject({ status: 'empty', prevClose: null });
  });
});

describe('malformed replies', () => {
  const good = dayRows(DAY, minutes(30, wave));

  it.each([
    ['no object', null],
    ['a list', []],
    ['an error code', { rc: 102, data: null }],
    ['data null', { rc: 0, data: null }],
    ['data not an object', { rc: 0, data: 'x' }],
    ['trends not a list', { rc: 0, data: { preClose: 6.18, trends: '2026-06-18 09:30,6.18,6.18,6.18,6.18,1,1,6.18' } }],
    ['trends missing', { rc: 0, data: { preClose: 6.18 } }],
  ])('%s', (_, json) => {
    expect(readIntradayReply(json).status).toBe('malformed');
  });

  it('rows but no previous close to draw against', () => {
    expect(readIntradayReply(trendsReply(good, { preClose: null }))).toEqual({ status: 'malformed', reason: 'no previous close to draw against' });
  });

  it('rows with the wrong number of columns', () => {
    const short = good.map((row) => row.split(',').slice(0, 7).join(','));
    expect(readIntradayReply(trendsReply(short))).toMatchObject({ status: 'malformed', reason: 'all 30 rows odd' });
    const long = good.map((row) => `${row},1`);
    expect(readIntradayReply(trendsReply(long)).status).toBe('malformed');
  });

  it('strings in the numbers', () => {
    const words = good.map((row) => row.replace(/^([^,]+),([^,]+),[^,]+,/, '$1,$2,abc,'));
    expect(readIntradayReply(trendsReply(words)).status).toBe('malformed');
    const dashes = good.map((row) => row.replace(/,(\d+),([\d.]+),([\d.]+)$/, ',-,$2,$3'));
    expect(readIntradayReply(trendsReply(dashes)).status).toBe('malformed');
  });

  it('rows that are not text', () => {
    expect(readIntradayReply(trendsReply([1, 2, 3] as unknown as string[])).status).toBe('malformed');
  });

  it('columns in another order: high, low and price where open, close, high, low were', () => {
    // HQChart's reading (open, high, low, price) fed through as if it were the reply.
    const swapped = good.map((row) => {
      const [time, open, close, high, low, ...rest] = row.split(',');
      const moved = [time, open, (Number(high) + 0.02).toFixed(2), (Number(low) - 0.02).toFixed(2), close, ...rest];
      return moved.join(',');
    });
    expect(readIntradayReply(trendsReply(swapped)).status).toBe('malformed');
  });

  it('prices on another scale, far off the previous close', () => {
    const cents = good.map((row) => row.replace(/^([^,]+),([\d.]+),([\d.]+),([\d.]+),([\d.]+),/, (_, t, o, c, h, l) =>
      [t, o, c, h, l].map((v, i) => (i === 0 ? v : String(Math.round(Number(v) * 100)))).join(',') + ','));
    expect(readIntradayReply(trendsReply(cents))).toMatchObject({ status: 'malformed', reason: 'all 30 rows odd' });
  });

  it('one odd row among many is dropped, not the whole day', () => {
    const rows = dayRows(DAY, minutes(241, wave));
    rows[100] = rows[100]!.replace(/,(\d+),([\d.]+),([\d.]+)$/, ',-5,$2,$3');
    const line = lineOf(readIntradayReply(trendsReply(rows)));
    expect(line.points).toHaveLength(240);
    expect(line.oddRows).toBe(1);
  });

  it('negative volume, a close outside its minute, a repeated minute are each odd', () => {
    const base = dayRows(DAY, minutes(20, wave));
    const odd = [
      base[3]!.replace(/,(\d+),([\d.]+),([\d.]+)$/, ',-5,$2,$3'),
      trendRow(DAY, { clock: '09:34', close: 6.5, high: 6.3, low: 6.1, open: 6.2 }, 6.2),
      base[2]!,
    ];
    const rows = [...base.slice(0, 3), ...odd, ...base.slice(4)];
    expect(readIntradayReply(trendsReply(rows))).toMatchObject({ status: 'malformed', reason: '3 of 22 rows odd' });
  });

  it('never throws, whatever the object', () => {
    const hostile = { get rc() { throw new Error('boom'); } };
    expect(readIntradayReply(hostile)).toEqual({ status: 'malformed', reason: 'reply could not be read' });
  });
});
