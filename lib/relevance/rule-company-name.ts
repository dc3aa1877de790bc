/**
 * Positive evidence: the marked name goes on into the company's formal name,
 * "珠海格力电器股份有限公司", "沈阳新松机器人自动化股份有限公司". A stock whose
 * short name lacks its 证券 ("太平洋", "长江") is a broker whose full name is
 * that name plus 证券: the linker would have matched a longer short name for any other.
 */
import { verdictOf, type RelevanceRule } from './types';

const FORMAL_NAME = /^[\u4e00-\u9fff]{0,8}?(?:股份有限公司|有限责任公司|有限公司|股份公司)/;
const BROKER_TAIL = /^证券/;

export const companyName: RelevanceRule = (security, window) => {
  if (security.kind === 'sector') return null;
  const formal = FORMAL_NAME.exec(window.after) ?? BROKER_TAIL.exec(window.after);
  return formal ? verdictOf('likely', 'company_name', 'relevance_company_name', window, window.text + formal[0]) : null;
};
