/**
 * Positive evidence: words of the market in the mention's clause (股价, 涨停,
 * 公告, 净利润, 市值, 股东, 控股…) say the text speaks of the listed company;
 * a sector word followed by 板块, 行业, 股 or 公司 speaks of the sector.
 */
import { clauseOf } from './window-text';
import { verdictOf, type RelevanceRule } from './types';

const STOCK_WORDS =
  /股价|股票|涨停|跌停|涨超|跌超|涨幅|跌幅|收涨|收跌|大涨|大跌|高开|低开|拉升|公告|披露|净利润|归母|营收|营业收入|营业总收入|市值|股东|控股|年报|季报|半年报|业绩|回购|增持|减持|定增|募资|分红|评级|董事|高管|成交额|主力资金/;
const SECTOR_WORDS = /^(?:板块|行业|股|公司|业(?!协会)|指数|概念|龙头|类|ETF)/;

export const marketWords: RelevanceRule = (security, window) => {
  if (security.kind === 'sector') {
    const next = SECTOR_WORDS.exec(window.after);
    return next ? verdictOf('likely', 'market_words', 'relevance_market_words', window, window.text + next[0]) : null;
  }
  const clause = clauseOf(window);
  const word = STOCK_WORDS.exec(clause.after) ?? STOCK_WORDS.exec(clause.before);
  return word ? verdictOf('likely', 'market_words', 'relevance_market_words', window, word[0]) : null;
};
