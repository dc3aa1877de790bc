/**
 * Eastmoney articles republished elsewhere with their markup intact (mirrors,
 * blogs, aggregators). A copy that links to its original is keyed by the
 * original's id, so the copy and the original are one archive entry.
 *
 * Example: test/fixtures/copy-page.html, a mirror of the seed article.
 */
import { parseArticleUrl, type ArticleUrl } from './article-url';

const EASTMONEY_URL = /https?:\/\/[a-z0-9.-]+\.eastmoney\.com\/[^\s<>"'）)]+/gi;

export function isEastmoneyPage(pageUrl: string): boolean {
  try {
    const host = new URL(pageUrl).hostname.toLowerCase();
    return host === 'eastmoney.com' || host.endsWith('.eastmoney.com');
  } catch {
    return false;
  }
}

/** The one Eastmoney article a page links to (as a link or a bare URL), or null when it names none or several. */
export function findOriginalArticle(doc: Document, pageUrl: string): ArticleUrl | null {
  const found = new Map<string, ArticleUrl>();
  const consider = (href: string) => {
    if (!URL.canParse(href, pageUrl)) return;
    const address = parseArticleUrl(new URL(href, pageUrl));
    if (address) found.set(address.id, address);
  };
  for (const link of doc.querySelectorAll('a[href]')) consider(link.getAttribute('href')!);
  for (const match of (doc.body?.textContent ?? '').matchAll(EASTMONEY_URL)) consider(match[0]);
  return found.size === 1 ? [...found.values()][0]! : null;
}
