/**
 * The relevance rules together: a verdict for every marked mention, and for
 * every security, which is doubtful when all of its mentions are.
 *
 * Order matters. The security's own code or formal name settles it first;
 * what follows the marked text and makes it part of another name or word
 * comes next, as it says what the text is; then market words in the clause;
 * then the weaker readings of what precedes it, of company suffixes and of lists.
 */
import type { MarkedMention } from '../mentions';
import { parseSecid } from '../securities';
import { mentionWindows } from './mention-window';
import { codeNearby } from './rule-code-nearby';
import { commonWord, wordInCompound } from './rule-common-word';
import { companyName } from './rule-company-name';
import { fragmentOfCompanyName, fragmentOfName } from './rule-fragment-of-name';
import { marketWords } from './rule-market-words';
import { sourceCredit } from './rule-source-credit';
import { themeList } from './rule-theme-list';
import type {
  JudgedSecurity,
  MentionVerdict,
  MentionWindow,
  RelevanceReason,
  RelevanceRule,
  RelevanceRuleId,
  RelevanceVerdict,
} from './types';

const RULES: RelevanceRule[] = [
  codeNearby,
  companyName,
  fragmentOfName,
  sourceCredit,
  commonWord,
  marketWords,
  fragmentOfCompanyName,
  wordInCompound,
  themeList,
];

/** How telling a doubtful mention is, to pick the reason a security shows: first wins. */
const TELLING: RelevanceRuleId[] = ['fragment_of_name', 'source_credit', 'common_word', 'theme_list'];

export interface JudgedMention extends MentionVerdict {
  secid: string;
  window: MentionWindow;
}

export interface SecurityVerdict {
  verdict: RelevanceVerdict;
  mentions: number;
  doubtfulMentions: number;
  /** The most telling doubtful mention's rule, reason and placeholders; null when no mention is doubtful. */
  rule: RelevanceRuleId | null;
  reason: RelevanceReason | null;
  params: [string, string] | null;
}

export interface Judgement {
  mentions: JudgedMention[];
  securities: Map<string, SecurityVerdict>;
}

const NOTHING_AGAINST = (window: MentionWindow): MentionVerdict => ({
  verdict: 'likely',
  rule: 'no_doubt',
  reason: 'relevance_no_doubt',
  params: [window.text, ''],
});

/** Pure over strings: what the rules say of one mention's window. */
export function judgeWindow(security: JudgedSecurity, window: MentionWindow): MentionVerdict {
  for (const rule of RULES) {
    const verdict = rule(security, window);
    if (verdict) return verdict;
  }
  return NOTHING_AGAINST(window);
}

/** Every marked mention of a body judged, in document order, and each security's verdict. */
export function judgeMentions(marked: MarkedMention[], body: Element): Judgement {
  const windows = mentionWindows(marked, body);
  return judgeAll(marked.map(({ security }, i) => ({ security, window: windows[i]! })));
}

/** Judged again from stored windows alone, for an archive whose rules have improved. */
export function judgeStoredMentions(stored: Array<{ secid: string; window: MentionWindow }>): Judgement {
  const judged: Array<{ security: JudgedSecurity; window: MentionWindow }> = [];
  const securities = new Map<string, JudgedSecurity | null>();
  for (const { secid, window } of stored) {
    let security = securities.get(secid);
    if (security === undefined) {
      security = parseSecid(secid);
      securities.set(secid, security);
    }
    if (security) judged.push({ security, window });
  }
  return judgeAll(judged);
}

function judgeAll(items: Array<{ security: JudgedSecurity; window: MentionWindow }>): Judgement {
  const mentions = items.map(({ security, window }): JudgedMention => {
    const { verdict, rule, reason, params } = judgeWindow(security, window);
    return { secid: security.secid, window, verdict, rule, reason, params };
  });
  return { mentions, securities: securityVerdicts(mentions) };
}

/** Per security: doubtful when every one of its mentions is, with the most telling reason. */
export function securityVerdicts(mentions: JudgedMention[]): Map<string, SecurityVerdict> {
  const bySecid = new Map<string, SecurityVerdict>();
  const telling = new Map<string, JudgedMention>();
  for (const mention of mentions) {
    let verdict = bySecid.get(mention.secid);
    if (!verdict) {
      verdict = { verdict: 'doubtful', mentions: 0, doubtfulMentions: 0, rule: null, reason: null, params: null };
      bySecid.set(mention.secid, verdict);
    }
    verdict.mentions += 1;
    if (mention.verdict === 'likely') {
      verdict.verdict = 'likely';
      continue;
    }
    verdict.doubtfulMentions += 1;
    const known = telling.get(mention.secid);
    if (!known || TELLING.indexOf(mention.rule) < TELLING.indexOf(known.rule)) telling.set(mention.secid, mention);
  }
  for (const [secid, mention] of telling) {
    const verdict = bySecid.get(secid)!;
    verdict.rule = mention.rule;
    verdict.reason = mention.reason;
    verdict.params = mention.params;
  }
  return bySecid;
}

