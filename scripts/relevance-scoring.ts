/**
 * The relevance rules scored against the labelled set in
 * test/fixtures/relevance/labels.json: what share of the mis-links they flag,
 * and what share of the true mentions they flag by mistake. Shared by
 * scripts/relevance-score.mjs and test/unit/relevance-score.test.ts.
 */
import { mentionElements } from '../lib/mentions';
import { judgeMentions, type JudgedMention } from '../lib/relevance/judge';

export interface LabelledMention {
  secid: string;
  text: string;
  label: 'true' | 'mis-link';
  why: string;
}

export interface LabelledPage {
  file: string;
  url: string;
  mentions: LabelledMention[];
}

export interface Miss {
  file: string;
  label: LabelledMention;
  judged: JudgedMention;
}

export interface Score {
  misLinks: number;
  misLinksFlagged: number;
  trueMentions: number;
  trueMentionsFlagged: number;
  /** Share of mis-links flagged. */
  recall: number;
  /** Share of flags that are mis-links. */
  precision: number;
  /** Share of true mentions flagged. */
  falseFlagRate: number;
  misses: Miss[];
}

/** Scores every page; throws when a page's marked mentions do not match its labels. */
export function scoreLabelledSet(pages: LabelledPage[], bodyOf: (page: LabelledPage) => Element): Score {
  const score = { misLinks: 0, misLinksFlagged: 0, trueMentions: 0, trueMentionsFlagged: 0, misses: [] as Miss[] };
  for (const page of pages) {
    const body = bodyOf(page);
    const judged = judgeMentions(mentionElements(body), body).mentions;
    if (judged.length !== page.mentions.length) {
      throw new Error(`${page.file}: ${judged.length} marked mentions, ${page.mentions.length} labels`);
    }
    page.mentions.forEach((label, i) => {
      const mention = judged[i]!;
      if (mention.secid !== label.secid || mention.window.text !== label.text) {
        throw new Error(`${page.file} #${i}: marked ${mention.secid} ${mention.window.text}, labelled ${label.secid} ${label.text}`);
      }
      const flagged = mention.verdict === 'doubtful';
      if (label.label === 'mis-link') {
        score.misLinks += 1;
        if (flagged) score.misLinksFlagged += 1;
      } else {
        score.trueMentions += 1;
        if (flagged) score.trueMentionsFlagged += 1;
      }
      if (flagged !== (label.label === 'mis-link')) score.misses.push({ file: page.file, label, judged: mention });
    });
  }
  const flags = score.misLinksFlagged + score.trueMentionsFlagged;
  return {
    ...score,
    recall: score.misLinksFlagged / score.misLinks,
    precision: flags ? score.misLinksFlagged / flags : 1,
    falseFlagRate: score.trueMentionsFlagged / score.trueMentions,
  };
}

export function formatScore(score: Score): string {
  const percent = (share: number) => `${(share * 100).toFixed(1)}%`;
  const lines = [
    `mis-links flagged (recall):    ${score.misLinksFlagged}/${score.misLinks} = ${percent(score.recall)}   (goal ≥ 90%)`,
    `true mentions flagged:         ${score.trueMentionsFlagged}/${score.trueMentions} = ${percent(score.falseFlagRate)}   (goal ≤ 3%)`,
    `precision of the flags:        ${percent(score.precision)}`,
  ];
  for (const { file, label, judged } of score.misses) {
    const { before, text, after } = judged.window;
    lines.push(`  missed ${label.label === 'mis-link' ? 'mis-link' : 'true mention flagged'} in ${file}: …${before}【${text}】${after}… → ${judged.verdict} by ${judged.rule} (${label.why})`);
  }
  return lines.join('\n');
}
