/**
 * Positive evidence: words of the market in the mention's clause (股价, 涨停,
 * 公告, 净利润, 市值, 股东, 控股…) say the text speaks of the listed company;
 * a sector word followed by 板块, 行业, 股 or 公司 speaks of the sector.
 */
import { clauseOf } from './window-text';
import { verdictOf, type RelevanceRule } from './types';

const STOCK_WORDS =
  '股价 股票 涨停 跌停 涨超 跌超 涨幅 跌幅 收涨 收跌 大涨 大跌 高开 低开 拉升 公告 披露 净利润 归母 营收 营业收入 市值 股东 控股 年报 季报 半年报 业绩 回购 增持 减持 定增 募资 分红 评级 董事 高管 成交额 主力资金';

/** The words by their first character: a clause is scanned once, one look-up a character (a regex alternation was the rules' main cost). */
const BY_FIRST_CHAR = new Map<string, string[]>();
for (const word of STOCK_WORDS.split(' ')) {
  const list = BY_FIRST_CHAR.get(word[0]!) ?? [];
  list.push(word);
  BY_FIRST_CHAR.set(word[0]!, list);
}

function marketWordIn(text: string): string | null {
  for (let i = 0; i < text.length; i += 1) {
    const words = BY_FIRST_CHAR.get(text[i]!);
    if (words) for (const word of words) if (text.startsWith(word, i)) return word;
  }
  return null;
}
const SECTOR_WORDS = /^(?:板块|行业|股|公司|业(?!协会)|指数|概念|龙头|类|ETF)/;

export const marketWords: RelevanceRule = (security, window) => {
  if (security.kind === 'sector') {
    const next = SECTOR_WORDS.exec(window.after);
    return next ? verdictOf('likely', 'market_words', 'relevance_market_words', window, window.text + next[0]) : null;
  }
  const clause = clauseOf(window);
  const word = marketWordIn(clause.after) ?? marketWordIn(clause.before);
  return word ? verdictOf('likely', 'market_words', 'relevance_market_words', window, word) : null;
};
