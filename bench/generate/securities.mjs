// A deterministic pool of securities in the families Eastmoney marks up most,
// each with the kind lib/securities.ts kindOf gives it (the bench hook runs
// every generated record through checkArticleRecord, which re-derives the kind
// and rejects a mismatch, so this table cannot drift from the extension).

const NAME_CHARS = '中华国海天东南北新长城金银信达光明科技电力汽车药业能源通讯建设发展控股集团股份实业环球智能精工'.split('');

const FAMILIES = [
  // [weight, market, kind, code prefixes, code length after prefix]
  [30, 0, 'stock', ['000', '001', '002', '300', '301'], 3],
  [30, 1, 'stock', ['600', '601', '603', '605', '688'], 3],
  [20, 90, 'sector', ['BK0', 'BK1'], 3],
  [4, 1, 'index', ['000'], 3],
  [4, 0, 'index', ['399'], 3],
  [4, 0, 'fund', ['159', '161'], 3],
  [4, 116, 'hk', ['00', '01', '02', '03', '09'], 3],
  [4, 105, 'us', null, 0],
];
const US_TICKERS = ['AAPL', 'MSFT', 'NVDA', 'TSLA', 'AMZN', 'GOOGL', 'META', 'BABA', 'PDD', 'JD', 'NIO', 'BIDU'];
const TOTAL_WEIGHT = FAMILIES.reduce((sum, [weight]) => sum + weight, 0);

function digits(random, count) {
  let text = '';
  for (let i = 0; i < count; i += 1) text += String(random.int(0, 9));
  return text;
}

function oneSecurity(random) {
  let roll = random.int(1, TOTAL_WEIGHT);
  const family = FAMILIES.find(([weight]) => (roll -= weight) <= 0);
  const [, market, kind, prefixes, tail] = family;
  const code = prefixes ? random.pick(prefixes) + digits(random, tail) : random.pick(US_TICKERS);
  const nameLength = random.int(2, 4);
  let name = '';
  for (let i = 0; i < nameLength; i += 1) name += random.pick(NAME_CHARS);
  if (kind === 'sector') name += '板块';
  if (kind === 'index') name += '指数';
  return { secid: `${market}.${code}`, market, code, kind, name };
}

/** `size` securities with distinct secids. */
export function securityPool(random, size) {
  const bySecid = new Map();
  while (bySecid.size < size) {
    const security = oneSecurity(random);
    if (!bySecid.has(security.secid)) bySecid.set(security.secid, security);
  }
  return [...bySecid.values()];
}

/** Eastmoney's markup for the first mention of a security in a body, then for the later ones. */
export function mentionMarkup(security, first) {
  const href = `http://quote.eastmoney.com/unify/r/${security.secid}`;
  const dataCode = `${security.market},${security.code}`;
  if (!first) {
    return `<span web="1" href="${href}" class="em_stock_key_common" data-code="${dataCode}">${security.name}</span>`;
  }
  const prefix = security.kind === 'sector' ? 'bk' : 'stock';
  return (
    `<span id="${prefix}_${security.secid}"><a href="${href}" class="keytip" data-code="${dataCode}">${security.name}</a></span>` +
    `<span id="${prefix === 'bk' ? 'bkquote' : 'quote'}_${security.secid}"></span>`
  );
}
