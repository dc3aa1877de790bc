/**
 * The marked text is only part of a longer proper noun that names something
 * else: a media outlet (中国证券报, 东方财富网), an exchange (深圳证券交易所), an
 * institution (中国石油大学, 中国银行业协会), an event (中关村论坛), a place
 * (中关村科学城, 外高桥保税区), or another company (中关村担保, 国泰君安证券).
 *
 * fragmentOfName reads what follows the mention, which settles it;
 * fragmentOfCompanyName is weaker (a company suffix may be the company's own,
 * 集团 most of all), so market words in the clause outweigh it.
 */
import { endsWithOneOf, hanTail, isHan } from './window-text';
import { verdictOf, type MentionVerdict, type MentionWindow, type RelevanceReason, type RelevanceRule } from './types';

const FOLLOWING: Array<[RelevanceReason, RegExp]> = [
  ['relevance_fragment_media', /^(?:报|日报|时报|晚报|商报|周刊|网(?![络点格状])|之星|之声|电视台)/],
  ['relevance_fragment_exchange', /^(?:交易所|交易中心|登记结算)/],
  ['relevance_fragment_institution', /^[\u4e00-\u9fff]{0,8}?(?:大学|学院|科学院|研究院|协会|学会|办公室|管理局|委员会|基金会)/],
  ['relevance_fragment_event', /^(?:论坛|峰会|博览会|年会|大会)/],
  ['relevance_fragment_place', /^[\u4e00-\u9fff]{0,4}?(?:科学城|金融城|科技城|大街|示范区|保税区|自贸区|开发区|高新区|园区|科技园|产业园|电视塔|港区|片区)/],
];

const COMPANY_SUFFIX = /^[\u4e00-\u9fff]{0,2}?(?:集团|担保|银行|保险|信托|基金|资本|金控|租赁)/;

/** Sector words that end the names of companies and bodies: 华泰证券, 中国人民银行, 社会保险. */
const NAME_ENDING_SECTORS = 2;
/** What comes before a sector word when it means the whole sector: 上市银行, 商业银行, 多家保险. */
const KIND_PREFIXES = /(?:上市|商业|中小|头部|国有|大型|股份制|城商|农商|外资|中资|民营|地方|全国|各类|主要|相关|部分|多家|各家|龙头|当前|目前)$/;
const FUNCTION_CHARS = new Set('的了和与及在是为对从等将被把向由以于据受称让给跟同比或而但也都又还就其该此各每这那个家只位名着过到至看如若');

export const fragmentOfName: RelevanceRule = (_security, window) => {
  for (const [reason, pattern] of FOLLOWING) {
    const match = pattern.exec(window.after);
    if (match) return doubtful(reason, window, window.text + match[0]);
  }
  return null;
};

export const fragmentOfCompanyName: RelevanceRule = (security, window) => {
  const suffix = COMPANY_SUFFIX.exec(window.after);
  if (suffix) {
    return doubtful('relevance_fragment_company', window, hanTail(window.before, 4) + window.text + suffix[0]);
  }
  // 国泰君安证券, 北京银行: a name before the sector word makes it one company's name.
  if (security.kind === 'sector' && window.text.length <= NAME_ENDING_SECTORS && isHan(window.before.at(-1))) {
    const before = window.before;
    if (!KIND_PREFIXES.test(before.slice(-3)) && !endsWithOneOf(before, FUNCTION_CHARS)) {
      return doubtful('relevance_fragment_company', window, hanTail(before, 4) + window.text);
    }
  }
  return null;
};

function doubtful(reason: RelevanceReason, window: MentionWindow, longer: string): MentionVerdict {
  return verdictOf('doubtful', 'fragment_of_name', reason, window, longer);
}
