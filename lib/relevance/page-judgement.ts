/**
 * The background's answer to an open article: each security's verdict from
 * the windows the page sent, with the reader's corrections over it, and the
 * article's key figures. The rules and the figure reader load here, once,
 * instead of in every article tab.
 */
import type { MentionRelevance } from '../article-model';
import { topFigures, type KeyFigure } from '../key-figures';
import { parseSecid } from '../securities';
import { shownVerdict, type Corrections, type ShownVerdict } from './corrections';
import { judgeStoredMentions } from './judge';
import { withRelevance } from './mention-relevance';
import type { PageMark } from './page-marks';

export interface PageJudgementRequest {
  id: string;
  /** The article's securities, with the name the page gives each. */
  securities: Array<{ secid: string; name: string; count: number }>;
  marks: PageMark[];
  title: string;
  summary: string;
  /** The body's text as lib/key-figure-range.ts joins it, so figure offsets find their place. */
  text: string;
}

export interface PageJudgement {
  verdicts: Record<string, { relevance: MentionRelevance; shown: ShownVerdict }>;
  /** Up to five, most telling first. */
  figures: KeyFigure[];
}

export const FIGURES_SHOWN = 5;

export function judgePage(request: PageJudgementRequest, corrections: Corrections): PageJudgement {
  const mentions = request.securities.flatMap(({ secid, name, count }, order) => {
    const security = parseSecid(secid);
    return security ? [{ ...security, name, count, order }] : [];
  });
  const judged = withRelevance(mentions, judgeStoredMentions(request.marks.map((mark) => ({ secid: mark.secid, window: mark }))));
  const verdicts: PageJudgement['verdicts'] = {};
  for (const mention of judged) {
    if (mention.relevance) verdicts[mention.secid] = { relevance: mention.relevance, shown: shownVerdict(mention, request.id, corrections) };
  }
  const figures = topFigures({ title: request.title, summary: request.summary, body: request.text }, FIGURES_SHOWN);
  return { verdicts, figures };
}
