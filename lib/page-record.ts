/**
 * readPageRecord(document, url): the whole ArticleRecord a save keeps: the
 * head the overlay shows (article-head.ts), plus the body as text and as
 * sanitised HTML, and the summary. Kept apart from article-head.ts so that the
 * sanitiser is loaded only where a save reads the page (the injected
 * page-record-reader), never on every article a person opens.
 */
import { collectNoise } from './article-noise';
import type { ArticleRecord } from './article-model';
import { LIMITS } from './article-record';
import { bodyText, openingOf } from './article-text';
import { clamp, readArticleHead, summaryOfHead } from './article-head';
import { templateNamed } from './article-templates';
import { sanitizeArticleHtml } from './sanitize';
import { FIGURES_KEPT } from './article-record';
import { keyFigures } from './key-figures';
import { judgeMentions } from './relevance/judge';
import { withRelevance } from './relevance/mention-relevance';

export function readPageRecord(doc: Document, pageUrl: string): ArticleRecord | null {
  const head = readArticleHead(doc, pageUrl);
  if (!head) return null;
  const { body } = head;
  const clean = body.cloneNode(true) as Element;
  const template = templateNamed(head.template);
  const extra = template.noise ? [...clean.querySelectorAll(template.noise)] : [];
  for (const element of [...collectNoise(clean), ...extra]) element.remove();
  const text = bodyText(clean);
  if (!text) return null;
  const title = head.title || openingOf(text, 40);
  // A copy's summary is its own opening quote, not whatever else its page holds.
  const summary = clamp(summaryOfHead(doc, head) || openingOf(text), LIMITS.summary);
  return {
    id: head.id,
    url: head.url,
    title,
    publishedAt: head.publishedAt,
    source: head.source,
    author: head.author,
    summary,
    bodyText: text,
    // Text the sanitiser had to drop with its element (inside an <svg>, say) still reads as paragraphs.
    bodyHtml: sanitizeArticleHtml(clean.innerHTML).trim() || paragraphsOf(text),
    // Each security with the rules' verdict and the windows they read, so the archive can judge it again.
    mentions: withRelevance(head.mentions, judgeMentions(head.marked, body)),
    template: head.template,
    keyFigures: keyFigures({ title, summary, body: text })
      .slice(0, FIGURES_KEPT)
      .map(({ text: written, value, unit, label, source }) => ({ text: written, value, unit, label, source })),
  };
}

function paragraphsOf(text: string): string {
  const escape = (line: string) => line.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return text
    .split('\n')
    .map((line) => `<p>${escape(line)}</p>`)
    .join('');
}
