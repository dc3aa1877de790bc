import { describe, expect, it } from 'vitest';
import {
  directionOf,
  normaliseSecids,
  parseQuoteReply,
  quoteBatchUrl,
  readQuoteReply,
} from '../../lib/quotes/quote-reply';

const MOUTAI = {
  f2: 1432.5,
  f3: 1.23,
  f4: 17.4,
  f12: '600519',
  f13: 1,
  f14: '贵州茅台',
  f15: 1440,
  f16: 1410.01,
  f18: 1415.1,
  f124: 1767944760,
};
const ZGC = { f2: 6.05, f3: -2.1, f4: -0.13, f12: '000931', f13: 0, f14: '中关村', f15: 6.2, f16: 6.01, f18: 6.18, f124: 1767944761 };
const BROKERS = { f2: 1602.33, f3: 0, f4: 0, f12: 'BK0473', f13: 90, f14: '证券', f15: 1610.2, f16: 1590.7, f18: 1602.33, f124: 1767944762 };

describe('the batch URL', () => {
  it('asks Eastmoney for decimals and every field the quote needs', () => {
    const url = new URL(quoteBatchUrl(undefined, ['1.600519', '0.000931', '90.BK0473']));
    expect(url.origin).toBe('https://push2.eastmoney.com');
    expect(url.pathname).toBe('/api/qt/ulist.np/get');
    expect(url.searchParams.get('fltt')).toBe('2');
    expect(url.searchParams.get('fields')?.split(',')).toEqual(
      expect.arrayContaining(['f2', 'f3', 'f4', 'f12', 'f13', 'f14', 'f15', 'f16', 'f18', 'f124']),
    );
    expect(url.searchParams.get('secids')).toBe('1.600519,0.000931,90.BK0473');
  });

  it('keeps commas as Eastmoney pages send them', () => {
    expect(quoteBatchUrl('https://push2.eastmoney.com', ['1.600519', '0.000931'])).toContain('secids=1.600519,0.000931');
  });

  it('deduplicates, normalises and drops invalid secids, keeping the order', () => {
    const secids = ['0.000931', '1.600519', ' 0.000931', '90.bk0473', 'garbage', '600519', '1.', '.600519', '1.600519'];
    expect(normaliseSecids(secids)).toEqual(['0.000931', '1.600519', '90.BK0473']);
    expect(quoteBatchUrl(undefined, secids)).toMatch(/secids=0\.000931,1\.600519,90\.BK0473$/);
  });

  it('uses another base, such as the local test server, path prefix included', () => {
    expect(quoteBatchUrl('http://127.0.0.1:4321', ['1.600519'])).toMatch(/^http:\/\/127\.0\.0\.1:4321\/api\/qt\/ulist\.np\/get\?/);
    expect(quoteBatchUrl('http://127.0.0.1:4321/proxy/', ['1.600519'])).toMatch(/^http:\/\/127\.0\.0\.1:4321\/proxy\/api\/qt\//);
  });

  it('refuses a base that is not a URL', () => {
    expect(() => quoteBatchUrl('push2.eastmoney.com', ['1.600519'])).toThrow();
  });
});

describe('reading a reply', () => {
  it('reads data.diff as an array, every field in place', () => {
    const quotes = parseQuoteReply({ rc: 0, rt: 11, data: { total: 3, diff: [MOUTAI, ZGC, BROKERS] } });
    expect([...quotes.keys()]).toEqual(['1.600519', '0.000931', '90.BK0473']);
    expect(quotes.get('1.600519')).toEqual({
      secid: '1.600519',
      market: 1,
      code: '600519',
      name: '贵州茅台',
      price: 1432.5,
      changePct: 1.23,
      change: 17.4,
      high: 1440,
      low: 1410.01,
      prevClose: 1415.1,
      time: 1767944760000,
    });
    expect(quotes.get('0.000931')?.changePct).toBe(-2.1);
    expect(quotes.get('90.BK0473')?.name).toBe('证券');
  });

  it('reads data.diff as an object keyed "0", "1", … in key order', () => {
    const quotes = parseQuoteReply({ rc: 0, data: { total: 3, diff: { '1': ZGC, '0': MOUTAI, '2': BROKERS } } });
    expect([...quotes.keys()]).toEqual(['1.600519', '0.000931', '90.BK0473']);
    expect(quotes.get('0.000931')?.price).toBe(6.05);
  });

  it('takes data: null as a valid reply with no quotes', () => {
    expect(readQuoteReply({ rc: 0, data: null })).toEqual({ ok: true, quotes: new Map() });
    expect(parseQuoteReply({ rc: 0, data: null }).size).toBe(0);
  });

  it('refuses a non-zero rc even when data is there', () => {
    const reply = readQuoteReply({ rc: 102, data: { diff: [MOUTAI] } });
    expect(reply).toEqual({ ok: false, error: 'rc 102' });
    expect(parseQuoteReply({ rc: 102, data: { diff: [MOUTAI] } }).size).toBe(0);
  });

  it('refuses a reply without data', () => {
    expect(readQuoteReply({ rc: 0 }).ok).toBe(false);
    expect(parseQuoteReply({ rc: 0 }).size).toBe(0);
  });

  it('turns "-" into null and keeps the rest of the quote', () => {
    const suspended = { ...ZGC, f2: '-', f3: '-', f4: '-', f15: '-', f16: '-', f124: '-' };
    const quote = parseQuoteReply({ rc: 0, data: { diff: [suspended] } }).get('0.000931');
    expect(quote).toMatchObject({ price: null, changePct: null, change: null, high: null, low: null, time: null });
    expect(quote?.prevClose).toBe(6.18);
    expect(quote?.name).toBe('中关村');
  });

  it('reads numeric strings as numbers', () => {
    const quote = parseQuoteReply({ rc: 0, data: { diff: [{ ...MOUTAI, f2: '1432.50', f3: '-0.5', f13: '1', f124: '1767944760' }] } }).get(
      '1.600519',
    );
    expect(quote?.price).toBe(1432.5);
    expect(quote?.changePct).toBe(-0.5);
    expect(quote?.market).toBe(1);
    expect(quote?.time).toBe(1767944760000);
  });

  it('turns non-finite and non-numeric values into null', () => {
    const odd = { ...MOUTAI, f2: Number.NaN, f3: Number.POSITIVE_INFINITY, f4: '1e999', f15: true, f16: {}, f18: '12abc', f124: 0, f14: 42 };
    expect(parseQuoteReply({ rc: 0, data: { diff: [odd] } }).get('1.600519')).toMatchObject({
      price: null,
      changePct: null,
      change: null,
      high: null,
      low: null,
      prevClose: null,
      time: null,
      name: null,
    });
  });

  it('skips items without a usable code or market, keeps the others', () => {
    const diff = [
      { ...MOUTAI, f12: undefined },
      { ...MOUTAI, f13: undefined },
      { ...MOUTAI, f13: 1.5 },
      { ...MOUTAI, f12: 600519 }, // a number would have lost leading zeros elsewhere
      { ...MOUTAI, f12: 'not a code!' },
      null,
      'item',
      ZGC,
    ];
    expect([...parseQuoteReply({ rc: 0, data: { diff } }).keys()]).toEqual(['0.000931']);
  });

  it('keeps the first of two items for one secid', () => {
    const quotes = parseQuoteReply({ rc: 0, data: { diff: [MOUTAI, { ...MOUTAI, f2: 1 }] } });
    expect(quotes.get('1.600519')?.price).toBe(1432.5);
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['a string', '{"rc":0}'],
    ['a number', 0],
    ['an array', [MOUTAI]],
    ['data as a string', { rc: 0, data: 'x' }],
    ['data as an array', { rc: 0, data: [MOUTAI] }],
    ['diff missing', { rc: 0, data: { total: 1 } }],
    ['diff as a string', { rc: 0, data: { diff: 'x' } }],
    ['diff as a number', { rc: 0, data: { diff: 3 } }],
    ['rc as a string', { rc: '0', data: { diff: [MOUTAI] } }],
  ])('never throws, and finds nothing in %s', (_, json) => {
    expect(() => parseQuoteReply(json)).not.toThrow();
    expect(parseQuoteReply(json).size).toBe(0);
    expect(readQuoteReply(json).ok).toBe(false);
  });

  it('reads frozen and prototype-less items', () => {
    const bare = Object.assign(Object.create(null) as object, ZGC);
    expect([...parseQuoteReply({ rc: 0, data: { diff: [Object.freeze({ ...MOUTAI }), bare] } }).keys()]).toEqual([
      '1.600519',
      '0.000931',
    ]);
  });

  it('never throws even on objects whose fields throw when read', () => {
    const trap = new Proxy({}, { get: () => { throw new Error('boom'); }, has: () => true });
    const getter = { rc: 0, get data(): unknown { throw new Error('boom'); } };
    expect(parseQuoteReply({ rc: 0, data: { diff: [trap] } }).size).toBe(0);
    expect(parseQuoteReply(getter).size).toBe(0);
    expect(readQuoteReply(trap)).toEqual({ ok: false, error: 'reply could not be read' });
  });
});

describe('replies without fltt=2', () => {
  it('scales integer prices by 10^f59 and percentages by 100', () => {
    const raw = { f2: 143250, f3: 123, f4: 1740, f12: '600519', f13: 1, f14: '贵州茅台', f15: 144000, f16: 141001, f18: 141510, f59: 2, f124: 1767944760 };
    expect(parseQuoteReply({ rc: 0, data: { diff: [raw] } }, { scaled: false }).get('1.600519')).toMatchObject({
      price: 1432.5,
      changePct: 1.23,
      change: 17.4,
      high: 1440,
      low: 1410.01,
      prevClose: 1415.1,
    });
  });

  it('takes the decimals from f1 as ulist sends them, e.g. three for a fund', () => {
    const etf = { f1: 3, f2: 4123, f3: -45, f4: -19, f12: '510300', f13: 1, f18: 4142 };
    expect(parseQuoteReply({ rc: 0, data: { diff: [etf] } }, { scaled: false }).get('1.510300')).toMatchObject({
      price: 4.123,
      changePct: -0.45,
      change: -0.019,
      prevClose: 4.142,
    });
  });

  it('drops prices rather than guessing the decimals', () => {
    const raw = { f2: 143250, f3: 123, f12: '600519', f13: 1 };
    expect(parseQuoteReply({ rc: 0, data: { diff: [raw] } }, { scaled: false }).get('1.600519')).toMatchObject({
      price: null,
      changePct: 1.23,
    });
  });

  it('leaves fltt=2 replies as they are by default', () => {
    const withDecimals = { ...MOUTAI, f59: 2 };
    expect(parseQuoteReply({ rc: 0, data: { diff: [withDecimals] } }).get('1.600519')?.price).toBe(1432.5);
  });
});

describe('direction of a move', () => {
  it.each([
    [1.23, 'up'],
    [0.01, 'up'],
    [-0.01, 'down'],
    [-10, 'down'],
    [0, 'flat'],
    [-0, 'flat'],
    [null, 'flat'],
    [Number.NaN, 'flat'],
  ] as const)('%s is %s', (changePct, direction) => {
    expect(directionOf(changePct)).toBe(direction);
  });
});
