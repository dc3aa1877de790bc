/**
 * What the relevance rules say of one marked mention: whether the article
 * likely speaks of the security the auto-linker linked, which rule decided,
 * and why, as a message key with its placeholders (public/_locales).
 */
import type { SecurityKind } from '../securities';

export type RelevanceVerdict = 'likely' | 'doubtful';

/**
 * How many marks of one security are judged and kept. Real articles mark a
 * security a handful of times; a page that marks it hundreds of times is
 * judged on the first twenty, which say as much as the rest.
 */
export const MARKS_KEPT = 20;

export const RELEVANCE_RULES = [
  'code_nearby',
  'company_name',
  'market_words',
  'fragment_of_name',
  'source_credit',
  'common_word',
  'theme_list',
  'no_doubt',
] as const;

export type RelevanceRuleId = (typeof RELEVANCE_RULES)[number];

export const RELEVANCE_REASONS = [
  'relevance_code_nearby',
  'relevance_company_name',
  'relevance_market_words',
  'relevance_fragment_media',
  'relevance_fragment_exchange',
  'relevance_fragment_institution',
  'relevance_fragment_event',
  'relevance_fragment_place',
  'relevance_fragment_company',
  'relevance_source_credit',
  'relevance_common_word',
  'relevance_common_word_place',
  'relevance_theme_list',
  'relevance_no_doubt',
] as const;

export type RelevanceReason = (typeof RELEVANCE_REASONS)[number];

/** The marked text and what the same block says right before and after it. */
export interface MentionWindow {
  before: string;
  text: string;
  after: string;
}

/** What the rules need to know of the linked security. */
export interface JudgedSecurity {
  secid: string;
  kind: SecurityKind;
  code: string;
}

export interface MentionVerdict {
  verdict: RelevanceVerdict;
  rule: RelevanceRuleId;
  reason: RelevanceReason;
  /** The reason's placeholders: $1 the marked text, $2 the evidence (the longer name, the code, the word). */
  params: [string, string];
}

/** One rule: a verdict when it applies to the mention, null when it has nothing to say. */
export type RelevanceRule = (security: JudgedSecurity, window: MentionWindow) => MentionVerdict | null;

export function verdictOf(
  verdict: RelevanceVerdict,
  rule: RelevanceRuleId,
  reason: RelevanceReason,
  window: MentionWindow,
  evidence: string,
): MentionVerdict {
  return { verdict, rule, reason, params: [window.text, evidence] };
}
