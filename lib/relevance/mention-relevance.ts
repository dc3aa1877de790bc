/**
 * The rules' verdicts carried on the counted mentions an article shows and a
 * record keeps, and judged again from the kept marks when the rules improve.
 */
import type { Mention, MentionMark, MentionRelevance } from '../article-model';
import { judgeStoredMentions, securityVerdicts, type Judgement, type JudgedMention } from './judge';

import { MARKS_KEPT } from './types';

/** Broken markup can make a whole paragraph one mention's text: a record keeps a name's worth. */
const KEPT_TEXT = 64;
const kept = (text: string) => text.slice(0, KEPT_TEXT);

function markOf({ window, verdict, rule }: JudgedMention): MentionMark {
  return { before: kept(window.before), text: kept(window.text), after: kept(window.after), verdict, rule };
}

/** Each mention with the verdict its security got and the first of its marks. */
export function withRelevance(mentions: Mention[], judgement: Judgement): Mention[] {
  const marks = new Map<string, MentionMark[]>();
  for (const judged of judgement.mentions) {
    const list = marks.get(judged.secid) ?? [];
    if (list.length < MARKS_KEPT) list.push(markOf(judged));
    marks.set(judged.secid, list);
  }
  return mentions.map((mention) => {
    const verdict = judgement.securities.get(mention.secid);
    if (!verdict) return mention;
    const relevance: MentionRelevance = {
      verdict: verdict.verdict,
      doubtfulMentions: verdict.doubtfulMentions,
      rule: verdict.rule,
      reason: verdict.reason,
      params: verdict.params && [kept(verdict.params[0]), kept(verdict.params[1])],
      marks: marks.get(mention.secid) ?? [],
    };
    return { ...mention, relevance };
  });
}

/**
 * The mentions judged again by today's rules from their kept marks. A mention
 * without marks (saved before there were verdicts) is left as it is. Where a
 * page had more marks than were kept, those not kept keep the verdict they
 * had: the security stays likely if it was, and its doubtful count moves only
 * by what changed among the kept marks.
 */
export function rejudgeMentions(mentions: Mention[]): Mention[] {
  return mentions.map((mention) => {
    const old = mention.relevance;
    if (!old?.marks.length) return mention;
    const judged = judgeStoredMentions(old.marks.map((mark) => ({ secid: mention.secid, window: mark })));
    if (!judged.mentions.length) return mention;
    const unkept = mention.count - old.marks.length;
    const keptDoubtfulBefore = old.marks.filter((mark) => mark.verdict === 'doubtful').length;
    const verdict = securityVerdicts(judged.mentions).get(mention.secid)!;
    const unkeptDoubtful = Math.max(0, old.doubtfulMentions - keptDoubtfulBefore);
    const unkeptLikely = unkept > unkeptDoubtful;
    const relevance: MentionRelevance = {
      verdict: unkeptLikely ? 'likely' : verdict.verdict,
      doubtfulMentions: verdict.doubtfulMentions + unkeptDoubtful,
      rule: verdict.rule,
      reason: verdict.reason,
      params: verdict.params,
      marks: judged.mentions.map(markOf),
    };
    return { ...mention, relevance };
  });
}

/** Whether judging again changed anything a reader would see. */
export function relevanceChanged(before: Mention[], after: Mention[]): boolean {
  return before.some((mention, i) => {
    const a = mention.relevance;
    const b = after[i]?.relevance;
    return a?.verdict !== b?.verdict || a?.doubtfulMentions !== b?.doubtfulMentions || a?.reason !== b?.reason || a?.rule !== b?.rule;
  });
}
