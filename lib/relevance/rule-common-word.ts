/**
 * The marked text is a word, not the security: a place or stretch of water
 * that shares a listed company's short name (长江流域, 跨太平洋航线, 南太平洋岛国),
 * a sector word inside a compound (证券化, 《证券法》, 保险箱, 银行卡), a name
 * made into a longer word by what precedes it (人形机器人, 北京金融街), or one
 * of a list of like words (太平洋、大西洋和印度洋).
 *
 * commonWord reads what follows the mention, which settles it; wordInCompound
 * reads what precedes it, which is weaker, so market words outweigh it.
 */
import { endsWithOneOf, hanTail, isHan } from './window-text';
import { verdictOf, type RelevanceRule } from './types';

const GEOGRAPHY = /^(?:流域|沿岸|沿线|沿海|中下游|上游|下游|经济带|岛国|海域|地区|两岸|彼岸|周边|水系|三角洲|副热带高压|航线|伙伴关系)/;
const SECTOR_COMPOUND = /^(?:化|法|箱|柜|卡|丝|杠|账户|监督|监管)/;
/** Before a company name these make it more of the company (中国工商银行, 旗下长江电力), not another word. */
const NAME_PREFIXES = /(?:中国|旗下|子公司|龙头|公司)$/;
const FUNCTION_CHARS = new Set('的了和与及在是为对从等将被把向由以于据受称让给跟同比或而但也都又还就其该此各每这那个家只位名着过到至看如若、');
/** Items of a list: 、 and 和/及/与 between like words. */
const NEXT_ITEM = /^(?:、|和|及|与)([\u4e00-\u9fff]{1,6}?)(?=[、和及与等，。；]|$)/;

export const commonWord: RelevanceRule = (security, window) => {
  const geography = GEOGRAPHY.exec(window.after);
  if (geography && security.kind !== 'sector') {
    return verdictOf('doubtful', 'common_word', 'relevance_common_word_place', window, window.text + geography[0]);
  }
  const compound = security.kind === 'sector' ? SECTOR_COMPOUND.exec(window.after) : null;
  return compound ? verdictOf('doubtful', 'common_word', 'relevance_common_word', window, window.text + compound[0]) : null;
};

export const wordInCompound: RelevanceRule = (security, window) => {
  if (security.kind === 'sector') return null;
  const { before, text } = window;
  if (isHan(before.at(-1)) && !endsWithOneOf(before, FUNCTION_CHARS) && !NAME_PREFIXES.test(before.slice(-3))) {
    return verdictOf('doubtful', 'common_word', 'relevance_common_word', window, hanTail(before, 2) + text);
  }
  // 太平洋、大西洋和印度洋: the next item ends like this one, so they are words of one kind.
  const next = NEXT_ITEM.exec(window.after);
  if (next && next[1]!.at(-1) === text.at(-1) && next[1] !== text) {
    return verdictOf('doubtful', 'common_word', 'relevance_common_word', window, `${text}、${next[1]}`);
  }
  return null;
};
