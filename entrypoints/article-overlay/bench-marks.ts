/**
 * Instrumentation for bench builds only (`wxt build --mode bench`, see
 * bench/README.md). index.tsx calls benchMark() behind
 * `import.meta.env.MODE === 'bench'`, a build-time constant, so production
 * bundles drop the calls and, with them, this whole module.
 *
 * Everything is written to the page's performance timeline: a content script
 * shares the document's `performance` with the page, so the bench reads the
 * marks from the page's main world without any channel of its own.
 */
import { MENTION_SELECTOR, countMentions, mentionElements } from '../../lib/mentions';
import { readArticleHead } from '../../lib/article-head';
import { findArticleBody } from '../../lib/article-templates';
import { summaryOfHead } from '../../lib/article-head';
import { figureText } from '../../lib/key-figure-range';
import { judgePage } from '../../lib/relevance/page-judgement';
import { pageMarks } from '../../lib/relevance/page-marks';

const PREFIX = 'em-lens:';

/** The bench dispatches this on `document` to time extraction against its floor; detail = repetitions. */
const EXTRACT_REQUEST = 'em-lens-bench:extract';

export function benchMark(stage: 'start' | 'read' | 'rendered' | 'judged'): void {
  performance.mark(PREFIX + stage);
  if (stage === 'start') document.addEventListener(EXTRACT_REQUEST, answerExtractRequest);
  // The frame after the one the badges entered the DOM in has painted them.
  if (stage === 'rendered') requestAnimationFrame(() => setTimeout(() => performance.mark(`${PREFIX}painted`)));
}

/**
 * Times, in this world and on this page, readArticleHead and its mention
 * reading alone against one bare querySelectorAll of the marked mentions (the
 * least any extraction must do), interleaved so that all see the same state
 * of the page and the JIT.
 */
function answerExtractRequest(event: Event): void {
  const repetitions = Number((event as CustomEvent<unknown>).detail) || 5;
  const body = findArticleBody(document)?.body;
  if (!body) return;
  for (let i = 0; i < repetitions; i += 1) {
    timeLoop('floor', () => body.querySelectorAll(MENTION_SELECTOR).length);
    timeLoop('extract', () => readArticleHead(document, location.href));
    timeLoop('mentions', () => countMentions(mentionElements(body)));
    // What verdicts and figures add: the tab's part (windows, text) and the background's (the rules, the figures).
    const head = readArticleHead(document, location.href)!;
    let request: Parameters<typeof judgePage>[0] | null = null;
    timeLoop('relevance-tab', () => {
      request = {
        id: head.id,
        securities: head.mentions.map(({ secid, name, count }) => ({ secid, name, count })),
        marks: pageMarks(head.marked, head.body),
        title: head.title,
        summary: summaryOfHead(document, head),
        text: figureText(head.body),
      };
    });
    timeLoop('relevance-judge', () => judgePage(request!, {}));
  }
}

/** Repeats `work` for at least `minMs`: one call can be shorter than the timer's resolution. */
function timeLoop(name: string, work: () => unknown, minMs = 5): void {
  const start = performance.now();
  let calls = 0;
  let end = start;
  do {
    work();
    calls += 1;
    end = performance.now();
  } while (end - start < minMs);
  performance.measure(PREFIX + name, { start, end, detail: calls });
}
