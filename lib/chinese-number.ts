/**
 * Chinese numerals as articles write them: 十五, 三亿, 两千五百万, 一亿三千万,
 * 三点五, 二〇二一. Written here rather than taken from a library: the one
 * well-used npm package that reads them (nzh) mostly writes numbers out, and
 * bundling it would take most of the content script's 6 kB for this feature.
 */

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const SMALL_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** The number a run of Chinese numerals writes, or null when it is not one. */
export function parseChineseNumber(text: string): number | null {
  const [whole = '', fraction, extra] = text.split('点');
  if (extra !== undefined || !whole) return null;
  const integer = parseWhole(whole);
  if (integer === null) return null;
  if (fraction === undefined) return integer;
  let decimals = '';
  for (const char of fraction) {
    const digit = DIGITS[char];
    if (digit === undefined) return null;
    decimals += digit;
  }
  return decimals ? Number(`${integer}.${decimals}`) : null;
}

function parseWhole(text: string): number | null {
  // 二〇二一: digits one by one, no units.
  if (!/[十百千万亿]/.test(text)) {
    let digits = '';
    for (const char of text) {
      const digit = DIGITS[char];
      if (digit === undefined) return null;
      digits += digit;
    }
    return Number(digits);
  }
  let total = 0;
  let section = 0;
  let number = 0;
  for (const char of text) {
    const digit = DIGITS[char];
    if (digit !== undefined) {
      number = digit;
    } else if (SMALL_UNITS[char]) {
      section += (number || 1) * SMALL_UNITS[char]!;
      number = 0;
    } else if (char === '万') {
      total += (section + number) * 1e4;
      section = 0;
      number = 0;
    } else if (char === '亿') {
      total = (total + section + number) * 1e8;
      section = 0;
      number = 0;
    } else {
      return null;
    }
  }
  return total + section + number;
}
