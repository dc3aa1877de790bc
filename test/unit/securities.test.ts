import { describe, expect, it } from 'vitest';
import {
  kindOf,
  parseSecid,
  securityFromDataCode,
  securityFromHref,
  securityFromMarkupId,
} from '../../lib/securities';

describe('kind of a security', () => {
  it.each([
    [0, '000931', 'stock'],
    [0, '300750', 'stock'],
    [0, '830799', 'stock'], // Beijing exchange, market 0
    [0, '920001', 'stock'],
    [1, '600519', 'stock'],
    [1, '688981', 'stock'],
    [90, 'BK0473', 'sector'],
    [1, '000001', 'index'],
    [1, '000300', 'index'],
    [0, '399001', 'index'],
    [0, '399006', 'index'],
    [1, '510300', 'fund'],
    [0, '159915', 'fund'],
    [0, '161125', 'fund'],
    [100, 'HSI', 'index'],
    [124, 'HSTECH', 'index'],
    [116, '00700', 'hk'],
    [128, '01810', 'hk'],
    [105, 'AAPL', 'us'],
    [106, 'BABA', 'us'],
    [107, 'SPY', 'us'],
    [113, 'AU2606', 'future'],
    [8, '040120', 'future'],
    [101, 'GC00Y', 'future'],
    [133, 'USDCNH', 'forex'],
    [155, 'HSBA', 'other'],
    [1, '110059', 'other'], // a Shanghai bond
  ] as const)('%i.%s is a %s', (market, code, kind) => {
    expect(kindOf(market, code)).toBe(kind);
  });
});

describe('reading securities out of markup', () => {
  it('takes market and code from data-code', () => {
    expect(securityFromDataCode('0,000931')).toEqual({ secid: '0.000931', market: 0, code: '000931', kind: 'stock' });
    expect(securityFromDataCode('90,BK0473')?.secid).toBe('90.BK0473');
  });

  it('places a bare A-share stock code on its exchange, and guesses nothing else', () => {
    expect(securityFromDataCode('002353')?.secid).toBe('0.002353');
    expect(securityFromDataCode('600519')?.secid).toBe('1.600519');
    expect(securityFromDataCode('000001')?.secid).toBe('0.000001');
    expect(securityFromDataCode('510300')).toBeNull(); // a fund code alone could be either
    expect(securityFromDataCode('474', 'sector')?.secid).toBe('90.BK0474');
  });

  it('reads 股吧 data-code (code, then 1 Shanghai / 2 Shenzhen)', () => {
    expect(securityFromDataCode('601818,1,1')?.secid).toBe('1.601818');
    expect(securityFromDataCode('000931,2,1')?.secid).toBe('0.000931');
  });

  it.each(['', 'abc', ',', '1,', '0,000931,9', 'x'.repeat(10_000), '999999,BK', '1000,600519'])(
    'gives nothing for data-code %j without throwing',
    (value) => {
      expect(() => securityFromDataCode(value)).not.toThrow();
      expect(securityFromDataCode(value)).toBeNull();
    },
  );

  it.each([
    ['stock_0.000931', '0.000931'],
    ['bk_90.BK0473', '90.BK0473'],
    ['bk_474', '90.BK0474'],
    ['stock_6005191', '1.600519'],
    ['stock_1611252', '0.161125'],
    ['stock_007005', '116.00700'],
    ['stock_NASDAQ_AAPL7', '105.AAPL'],
    ['stock_NYSE_BABA7', '106.BABA'],
  ])('reads id %s as %s', (id, secid) => {
    expect(securityFromMarkupId(id)?.secid).toBe(secid);
  });

  it.each(['stock_', 'stock_XYZ', 'stock_LSE_HSBA7', 'bk_', 'quote_0.000931', 'Info.5G', 'stock_6005199'])(
    'gives nothing for id %s',
    (id) => {
      expect(securityFromMarkupId(id)).toBeNull();
    },
  );

  it.each([
    ['http://quote.eastmoney.com/unify/r/0.000931', '0.000931'],
    ['http://quote.eastmoney.com/r/0.002353', '0.002353'],
    ['https://quote.eastmoney.com/unify/r/90.BK0473?from=news', '90.BK0473'],
    ['http://stock.eastmoney.com/hangye/hy474.html', '90.BK0474'],
  ])('reads link %s as %s', (href, secid) => {
    expect(securityFromHref(href)?.secid).toBe(secid);
  });

  it('reads nothing from links that do not name a market', () => {
    expect(securityFromHref('http://quote.eastmoney.com/us/AAPL.html')).toBeNull();
    expect(securityFromHref('http://baike.eastmoney.com/item/市盈率')).toBeNull();
    expect(securityFromHref('javascript:void(0)')).toBeNull();
  });

  it('parses secids', () => {
    expect(parseSecid('116.00700')).toMatchObject({ market: 116, code: '00700', kind: 'hk' });
    expect(parseSecid('0.000931 ')?.secid).toBe('0.000931');
    expect(parseSecid('0000.1')).toBeNull();
    expect(parseSecid('.000931')).toBeNull();
    expect(parseSecid('0.')).toBeNull();
  });
});
