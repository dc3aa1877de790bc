import { describe, expect, it } from 'vitest';
import { quoteApiBase } from '../../lib/quotes/quote-source';
import { checkSnapshot, formatChangePct, snapshotOf } from '../../lib/quotes/quote-snapshot';
import type { Quote } from '../../lib/quotes/quote-reply';
import { DEFAULT_QUOTE_API } from '../../lib/quotes/quote-reply';

const quote = (secid: string, price: number | null, changePct: number | null): Quote => ({
  secid, market: 0, code: '000931', name: '中关村', price, changePct, change: null, high: null, low: null, prevClose: null, time: 1_764_300_000_000,
});

describe('the quote at save time', () => {
  it('keeps price, change and time of the article securities that have a quote', () => {
    const quotes = new Map([
      ['0.000931', quote('0.000931', 4.12, 2.31)],
      ['90.BK0473', quote('90.BK0473', null, null)],
      ['1.600519', quote('1.600519', 1432.5, -0.4)],
    ]);
    expect(snapshotOf(quotes, ['0.000931', '90.BK0473'])).toEqual({
      '0.000931': { price: 4.12, changePct: 2.31, time: 1_764_300_000_000 },
    });
    expect(snapshotOf(quotes, ['90.BK0473'])).toBeUndefined();
  });

  it('checks a snapshot from an import file against the article securities', () => {
    expect(checkSnapshot(undefined, ['0.000931'])).toBeUndefined();
    expect(checkSnapshot({ '0.000931': { price: 4.12, changePct: 2.31, time: null } }, ['0.000931'])).toEqual({
      '0.000931': { price: 4.12, changePct: 2.31, time: null },
    });
    expect(() => checkSnapshot({ '1.600519': { price: 1, changePct: 1, time: null } }, ['0.000931'])).toThrow('does not mention');
    expect(() => checkSnapshot({ '0.000931': { price: '4.12', changePct: 1, time: null } }, ['0.000931'])).toThrow('not numbers');
    expect(() => checkSnapshot([], ['0.000931'])).toThrow('must be an object');
  });

  it('formats a change in percent with its sign', () => {
    expect([formatChangePct(2.314), formatChangePct(-0.5), formatChangePct(0), formatChangePct(null)]).toEqual(['+2.31%', '-0.50%', '0.00%', '']);
  });
});

describe('where quotes come from', () => {
  it('is Eastmoney unless a test points it at this machine', () => {
    expect(quoteApiBase(null)).toBe(DEFAULT_QUOTE_API);
    expect(quoteApiBase('http://127.0.0.1:4567')).toBe('http://127.0.0.1:4567');
    expect(quoteApiBase('http://localhost:80')).toBe('http://localhost:80');
    for (const elsewhere of ['https://evil.example', 'http://127.0.0.1.evil.example:80', 'http://10.0.0.1:80', 'javascript:alert(1)']) {
      expect(quoteApiBase(elsewhere)).toBe(DEFAULT_QUOTE_API);
    }
  });
});
