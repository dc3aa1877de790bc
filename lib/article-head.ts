/**
 * readArticleHead(document, url): what the overlay shows of an Eastmoney
 * article page (or a copy of one), or null when the URL is not an article or
 * the page has no article body. The whole record a save keeps is
 * page-record.ts, which adds the body and its sanitising; the templates it
 * reads are article-templates.ts.
 */
import { parseArticleUrl, type ArticleUrl } from './article-url';
import { findOriginalArticle, isEastmoneyPage } from './article-copy';
import { LIMITS } from './article-record';
import { parseBeijingTime } from './beijing-time';
import type { ArticleRecord, BodyField } from './article-model';
import { findArticleBody, findCopyBody, templateNamed, type Template } from './article-templates';
import { tidyText } from './article-text';
import { countMentions, mentionElements, type MarkedMention } from './mentions';

/** Just what the overlay shows: cheap enough to run on every article opened. */
export type ArticleHead = Omit<ArticleRecord, BodyField | 'summary' | 'keyFigures'> & {
  body: Element;
  /** Each marked mention's element, in document order: the overlay scrolls to them. */
  marked: MarkedMention[];
};

export function readArticleHead(doc: Document, pageUrl: string): ArticleHead | null {
  const found = locate(doc, pageUrl);
  if (!found) return null;
  const { address, template, body } = found;
  if (!hasText(body)) return null;

  const metaItems = readMetaItems(doc, template);
  const marked = mentionElements(body);
  return {
    id: address.id,
    url: canonicalUrl(doc, address.id) ?? address.canonicalUrl,
    title: clamp(readTitle(doc, template), LIMITS.title),
    publishedAt: readPublishedAt(doc, metaItems),
    source: readSource(doc, body, metaItems),
    author: readLabelled(metaItems, /作者[：:]\s*(.+)$/),
    template: template.name,
    body,
    mentions: countMentions(marked),
    marked,
  };
}

/** Whether any text is under `element`, found without joining all of it. */
function hasText(element: Element): boolean {
  const walker = element.ownerDocument.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (/\S/.test(node.nodeValue ?? '')) return true;
  }
  return false;
}

/** The article's address, template and body: an Eastmoney article, or a copy elsewhere that names its original. */
function locate(doc: Document, pageUrl: string): { address: ArticleUrl; template: Template; body: Element } | null {
  const address = parseArticleUrl(pageUrl);
  if (address) {
    const found = findArticleBody(doc);
    return found && { address, ...found };
  }
  if (isEastmoneyPage(pageUrl)) return null; // list and channel pages
  const original = findOriginalArticle(doc, pageUrl);
  if (!original) return null;
  const found = findArticleBody(doc) ?? findCopyBody(doc);
  return found && { address: original, ...found };
}


/** Broken markup can pour a whole page into a title: keep what a record may hold. */
export function clamp(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}


export function squash(value: string | null | undefined): string {
  return (value ?? '').replace(/[\s\u3000]+/g, ' ').trim();
}

function readMetaItems(doc: Document, template: Template): string[] {
  for (const selector of template.meta) {
    const items = [...doc.querySelectorAll(selector)].map((el) => squash(el.textContent)).filter(Boolean);
    if (items.length) return items;
  }
  return [];
}

function canonicalUrl(doc: Document, id: string): string | null {
  const href = doc.querySelector('link[rel="canonical"]')?.getAttribute('href');
  if (!href || !URL.canParse(href, 'https://finance.eastmoney.com/')) return null;
  const address = parseArticleUrl(new URL(href, 'https://finance.eastmoney.com/').href);
  return address && address.id === id ? address.canonicalUrl : null;
}

function readTitle(doc: Document, template: Template): string {
  const fromPage = squash(doc.querySelector(template.title)?.textContent);
  if (fromPage) return fromPage;
  const og = squash(doc.querySelector('meta[property="og:title"]')?.getAttribute('content'));
  if (og) return og;
  return squash(doc.title).replace(/\s*[_|-]\s*(东方财富网|东方财富|天天基金网|财富号).*$/, '');
}

function readPublishedAt(doc: Document, metaItems: string[]): string | null {
  for (const item of metaItems) {
    const time = parseBeijingTime(item);
    if (time) return time;
  }
  const meta = doc.querySelector(
    'meta[property="article:published_time"], meta[name="publishdate"], meta[itemprop="datePublished"]',
  );
  return parseBeijingTime(meta?.getAttribute('content') ?? '');
}

function readLabelled(items: string[], pattern: RegExp): string | null {
  for (const item of items) {
    const match = pattern.exec(item);
    if (match) {
      // "来源：第一财经 作者：张三" can come as one item: stop at the next label.
      const value = match[1]!.split(/\s*(?:来源|作者|编辑|时间|原标题)[：:]/)[0]!.trim();
      if (value) return value.slice(0, 200);
    }
  }
  return null;
}

function readSource(doc: Document, body: Element, metaItems: string[]): string | null {
  const labelled = readLabelled(metaItems, /来源[：:]\s*(.+)$/);
  if (labelled) return labelled;
  const dataSource = doc.querySelector('[data-source]')?.getAttribute('data-source')?.trim();
  if (dataSource) return dataSource;
  const media = squash(body.querySelector('p.em_media, .em_media')?.textContent);
  const fromMedia = /文章来源[：:]\s*([^）)]+)/.exec(media);
  return fromMedia ? fromMedia[1]!.trim() : null;
}

/** The page's own summary (摘要) without its label, or its meta description; empty when it has neither. */
function readSummary(root: Document | Element, template: Template): string {
  const doc = root instanceof Element ? root.ownerDocument : root;
  const own = tidyText(root.querySelector(template.summary)?.textContent ?? '')
    .replace(/^[【\[]?摘要[】\]]?[：:]?\s*/, '')
    .replace(/\n/g, ' ');
  if (own) return own;
  return squash(doc.querySelector('meta[name="description"]')?.getAttribute('content'));
}

/** The summary of the article a head was read from, for the overlay's key figures. */
export function summaryOfHead(doc: Document, head: Pick<ArticleHead, 'template' | 'body'>): string {
  return readSummary(head.template === 'generic' ? head.body : doc, templateNamed(head.template));
}
