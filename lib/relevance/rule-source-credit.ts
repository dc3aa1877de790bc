/**
 * The security's name is cited as where news or data came from: "据人民网报道",
 * "新华网消息，", "据同花顺iFinD数据", "数据来源：东方财富Choice数据". The
 * article is not about that company.
 */
import { verdictOf, type RelevanceRule } from './types';

const CITED_BEFORE = /(?:据|来源[：:]|来自|援引|转自|引自)[《“"]?$/;
const CITED_AFTER = /^[》”"]?(?:报道|消息[，,：:]|网讯|讯[，,：:]|[A-Za-z]+\s*数据)/;

export const sourceCredit: RelevanceRule = (_security, window) => {
  const after = CITED_AFTER.exec(window.after);
  if (after) return verdictOf('doubtful', 'source_credit', 'relevance_source_credit', window, window.text + after[0]);
  const before = CITED_BEFORE.exec(window.before.slice(-4));
  if (before && /^[^，。；]{0,8}(?:数据|统计|报道|消息|显示)/.test(window.after)) {
    return verdictOf('doubtful', 'source_credit', 'relevance_source_credit', window, before[0] + window.text);
  }
  return null;
};
