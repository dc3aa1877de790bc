/**
 * A stock whose short name is also an industry theme (机器人), marked in a
 * list of themes or sectors: "人工智能、机器人、低空经济等题材". A list of
 * stocks ends in 股 or 公司 ("贵州茅台、五粮液等龙头股") and is not this.
 */
import { clauseOf } from './window-text';
import { verdictOf, type RelevanceRule } from './types';

const THEME_CLOSER = /等[\u4e00-\u9fff]{0,4}?(?:题材|方向|赛道|领域|产业|行业|板块|概念|主题|技术)(?![股公])/;

export const themeList: RelevanceRule = (security, window) => {
  if (security.kind === 'sector') return null;
  if (!/^[、等]/.test(window.after) && !window.before.endsWith('、')) return null;
  const closer = THEME_CLOSER.exec(clauseOf(window).after);
  return closer ? verdictOf('doubtful', 'theme_list', 'relevance_theme_list', window, `${window.text}…${closer[0]}`) : null;
};
