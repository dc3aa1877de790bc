/**
 * Securities as Eastmoney marks them up: `secid` strings ("0.000931"), market
 * numbers, and what kind of instrument a market and code make.
 *
 * Markup seen in the wild (see test/fixtures):
 *   <span id="stock_0.000931"><a class="keytip" data-code="0,000931" href="…/unify/r/0.000931">
 *   <span class="em_stock_key_common" data-code="90,BK0473">          repeats
 *   data-code="002353"  href="…/r/0.002353"                          no market in data-code
 *   id="bk_474"  href="stock.eastmoney.com/hangye/hy474.html"         sector without market
 *   id="stock_6005191"  id="stock_NASDAQ_AAPL7"                       trailing market digit
 */

export type SecurityKind =
  | 'stock'
  | 'sector'
  | 'index'
  | 'fund'
  | 'hk'
  | 'us'
  | 'future'
  | 'forex'
  | 'other';

export interface Security {
  /** `market.code`, the key Eastmoney's quote API takes. */
  secid: string;
  market: number;
  code: string;
  kind: SecurityKind;
}

const FUTURES_MARKETS = new Set([8, 113, 114, 115, 142, 225]);
const FOREX_MARKETS = new Set([119, 120, 133]);
const US_MARKETS = new Set([105, 106, 107, 153]);
const HK_MARKETS = new Set([116, 128]);
const GLOBAL_INDEX_MARKETS = new Set([100, 124]);

export function kindOf(market: number, code: string): SecurityKind {
  if (market === 90 || /^BK\d+$/i.test(code)) return 'sector';
  if (market === 0 || market === 1) return mainlandKind(market, code);
  if (GLOBAL_INDEX_MARKETS.has(market)) return 'index';
  if (HK_MARKETS.has(market)) return 'hk';
  if (US_MARKETS.has(market)) return 'us';
  if (FUTURES_MARKETS.has(market) || (market >= 101 && market <= 112)) return 'future';
  if (FOREX_MARKETS.has(market)) return 'forex';
  return 'other';
}

function mainlandKind(market: 0 | 1, code: string): SecurityKind {
  if (!/^\d{6}$/.test(code)) return 'other';
  if (market === 1) {
    if (/^(60|68|90)/.test(code)) return 'stock';
    if (code.startsWith('000')) return 'index';
    if (code.startsWith('5')) return 'fund';
    return 'other';
  }
  if (/^(00|30|20)/.test(code) || /^(4|8|92)/.test(code)) {
    return /^(899)/.test(code) ? 'index' : 'stock';
  }
  if (code.startsWith('399')) return 'index';
  if (/^(15|16|18)/.test(code)) return 'fund';
  return 'other';
}

/**
 * The exchange of a bare six-digit A-share code, for markup that drops the
 * market. Only stock codes are unambiguous (000001 is both 平安银行 on
 * Shenzhen and the Shanghai Composite), so nothing else is guessed.
 */
function marketOfStockCode(code: string): 0 | 1 | null {
  if (!/^\d{6}$/.test(code)) return null;
  if (/^(60|68|900)/.test(code)) return 1;
  if (/^(00|30|20|4|8|92)/.test(code)) return 0;
  return null;
}

export function toSecurity(market: number, code: string): Security | null {
  if (!Number.isInteger(market) || market < 0 || market > 999) return null;
  const cleanCode = code.trim().toUpperCase();
  if (!/^[0-9A-Z][0-9A-Z._-]{0,15}$/.test(cleanCode)) return null;
  return { secid: `${market}.${cleanCode}`, market, code: cleanCode, kind: kindOf(market, cleanCode) };
}

/** "0.000931" → Security; anything else → null. */
export function parseSecid(secid: string): Security | null {
  const match = /^(\d{1,3})\.([0-9A-Za-z._-]{1,16})$/.exec(secid.trim());
  return match ? toSecurity(Number(match[1]), match[2]!) : null;
}

// 1 = Shanghai, 2 = Shenzhen, 5 = Hong Kong; 7 (US) needs an exchange name.
const TRAILING_MARKET_DIGIT: Record<string, number> = { '1': 1, '2': 0, '5': 116 };
const US_EXCHANGES: Record<string, number> = { NASDAQ: 105, NYSE: 106, AMEX: 107, NYSEAMERICAN: 107 };

/** What a `data-code` attribute says: "0,000931", "90,BK0473", "002353", "601818,1,1" (股吧). */
export function securityFromDataCode(dataCode: string, hint: 'stock' | 'sector' | null = null): Security | null {
  const parts = dataCode.split(',').map((part) => part.trim());
  if (parts.length === 2 && /^\d{1,3}$/.test(parts[0]!)) return toSecurity(Number(parts[0]), parts[1]!);
  const [code] = parts;
  if (!code) return null;
  if (/^BK\d{3,4}$/i.test(code)) return toSecurity(90, normaliseBoardCode(code));
  if (hint === 'sector' && /^\d{3,4}$/.test(code)) return toSecurity(90, normaliseBoardCode(code));
  // 股吧 style: code, then 1 = Shanghai, 2 = Shenzhen.
  if (parts.length === 3 && (parts[1] === '1' || parts[1] === '2') && /^\d{6}$/.test(code)) {
    return toSecurity(parts[1] === '1' ? 1 : 0, code);
  }
  if (parts.length === 1 && hint !== 'sector') {
    const market = marketOfStockCode(code);
    if (market !== null) return toSecurity(market, code);
  }
  return null;
}

/** What an element id says: "stock_0.000931", "bk_90.BK0473", "bk_474", "stock_6005191", "stock_NASDAQ_AAPL7". */
export function securityFromMarkupId(id: string): Security | null {
  const match = /^(stock|bk)_(.+)$/.exec(id);
  if (!match) return null;
  const [, prefix, rest] = match as unknown as [string, 'stock' | 'bk', string];
  const dotted = parseSecid(rest);
  if (dotted) return dotted;
  if (prefix === 'bk') {
    return /^(BK)?\d{3,4}$/i.test(rest) ? toSecurity(90, normaliseBoardCode(rest)) : null;
  }
  const us = /^([A-Z]+)_([A-Z][A-Z0-9.]*?)7$/i.exec(rest);
  if (us) {
    const market = US_EXCHANGES[us[1]!.toUpperCase()];
    return market === undefined ? null : toSecurity(market, us[2]!);
  }
  const trailing = /^(\d{5,6})(\d)$/.exec(rest);
  if (trailing) {
    const market = TRAILING_MARKET_DIGIT[trailing[2]!];
    const code = trailing[1]!;
    if (market === 116 && code.length === 5) return toSecurity(116, code);
    if (market !== undefined && market !== 116 && code.length === 6) return toSecurity(market, code);
  }
  return null;
}

/** What a quote link says: ".../unify/r/0.000931", ".../r/0.002353", ".../hangye/hy474.html". */
export function securityFromHref(href: string): Security | null {
  const secidLink = /quote\.eastmoney\.com\/(?:unify\/)?r\/(\d{1,3}\.[0-9A-Za-z._-]+?)(?:\.html)?(?:[?#/]|$)/i.exec(href);
  if (secidLink) return parseSecid(secidLink[1]!);
  const board = /stock\.eastmoney\.com\/hangye\/hy(\d{3,4})\.html/i.exec(href);
  if (board) return toSecurity(90, normaliseBoardCode(board[1]!));
  return null;
}

function normaliseBoardCode(code: string): string {
  const digits = code.replace(/^BK/i, '');
  return `BK${digits.padStart(4, '0')}`;
}

const MARKET_NAMES: Record<number, string> = {
  0: '深圳', 1: '上海', 90: '板块', 100: '全球指数', 124: '港股指数', 105: '纳斯达克', 106: '纽交所', 107: '美交所',
  116: '港股', 128: '港股', 113: '上期所', 114: '大商所', 115: '郑商所', 8: '中金所', 142: '上海能源', 225: '广期所',
  119: '外汇', 120: '外汇', 133: '外汇', 155: '伦敦', 156: '伦敦', 153: '美股粉单',
};

const MARKET_NAMES_EN: Record<number, string> = {
  0: 'Shenzhen', 1: 'Shanghai', 90: 'Sectors', 100: 'Global indexes', 124: 'HK indexes', 105: 'NASDAQ', 106: 'NYSE', 107: 'NYSE American',
  116: 'Hong Kong', 128: 'Hong Kong', 113: 'SHFE', 114: 'DCE', 115: 'ZCE', 8: 'CFFEX', 142: 'INE', 225: 'GFEX',
  119: 'FX', 120: 'FX', 133: 'FX', 155: 'London', 156: 'London', 153: 'US OTC',
};

/** The market's name as readers know it; the number where there is none. */
export function marketName(market: number, code = '', language: 'zh' | 'en' = 'zh'): string {
  const zh = language === 'zh';
  if (market === 0 && /^(4|8|92)/.test(code)) return zh ? '北京' : 'Beijing';
  const known = (zh ? MARKET_NAMES : MARKET_NAMES_EN)[market];
  if (known) return known;
  if (market >= 101 && market <= 112) return zh ? '国际期货' : 'International futures';
  return zh ? `市场 ${market}` : `Market ${market}`;
}

/** Eastmoney's quote page and 股吧 for a security. */
export function securityLinks(secid: string, code: string): { quote: string; guba: string } {
  return {
    quote: `https://quote.eastmoney.com/unify/r/${secid}`,
    guba: `https://guba.eastmoney.com/list,${code.toLowerCase()}.html`,
  };
}
