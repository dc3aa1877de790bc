/**
 * Which Eastmoney URLs are articles, and the one id every form of an article shares.
 *
 * Examples:
 *   https://finance.eastmoney.com/a/202112302231813952.html         desktop
 *   http://finance.eastmoney.com/news/1355,202112302231813952.html  legacy desktop
 *   https://wap.eastmoney.com/a/202605313755197369.html             mobile
 *   https://caifuhao.eastmoney.com/news/20190124053117311720040     财富号
 */

export type ArticleUrlForm = 'desktop' | 'legacy' | 'mobile' | 'caifuhao';

export interface ArticleUrl {
  /** The numeric id: 17 or 18 digits (YYYYMMDD + running number), 23 for 财富号. */
  id: string;
  form: ArticleUrlForm;
  /** The `/a/<id>.html` form (or the 财富号 form), https, no query or hash. */
  canonicalUrl: string;
}

const DESKTOP_HOSTS = new Set([
  'finance',
  'stock',
  'hk',
  'global',
  'fund',
  'futures',
  'bond',
  'forex',
]);

// YYYYMMDD followed by a running number; the date part keeps letters and
// list-page slugs (cgspl, cqqdd_1) out.
const NEWS_ID = '(20\\d{6}\\d{9,10})';
const DESKTOP_PATH = new RegExp(`^/a/${NEWS_ID}\\.html$`);
const LEGACY_PATH = new RegExp(`^/news/\\d+,${NEWS_ID}\\.html$`);
const CAIFUHAO_PATH = /^\/news\/(\d{23})\/?$/;

function toUrl(input: string | URL): URL | null {
  if (input instanceof URL) return input;
  try {
    return new URL(input);
  } catch {
    return null;
  }
}

export function parseArticleUrl(input: string | URL): ArticleUrl | null {
  const url = toUrl(input);
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) return null;
  const host = url.hostname.toLowerCase();
  if (!host.endsWith('.eastmoney.com')) return null;
  const sub = host.slice(0, -'.eastmoney.com'.length);
  const path = url.pathname;

  if (DESKTOP_HOSTS.has(sub)) {
    const desktop = DESKTOP_PATH.exec(path);
    if (desktop) return newsArticle(desktop[1]!, 'desktop', sub);
    if (sub === 'finance') {
      const legacy = LEGACY_PATH.exec(path);
      if (legacy) return newsArticle(legacy[1]!, 'legacy', 'finance');
    }
    return null;
  }
  if (sub === 'wap') {
    const mobile = DESKTOP_PATH.exec(path);
    return mobile ? newsArticle(mobile[1]!, 'mobile', 'finance') : null;
  }
  if (sub === 'caifuhao') {
    const cfh = CAIFUHAO_PATH.exec(path);
    return cfh
      ? { id: cfh[1]!, form: 'caifuhao', canonicalUrl: `https://caifuhao.eastmoney.com/news/${cfh[1]}` }
      : null;
  }
  return null;
}

function newsArticle(id: string, form: ArticleUrlForm, sub: string): ArticleUrl {
  return { id, form, canonicalUrl: `https://${sub}.eastmoney.com/a/${id}.html` };
}

export function isArticleUrl(input: string | URL): boolean {
  return parseArticleUrl(input) !== null;
}

/**
 * Where the content script runs (match patterns, coarser than the URL forms
 * above): parseArticleUrl decides which of these pages are articles.
 */
export const ARTICLE_MATCHES = ['*://*.eastmoney.com/a/*', '*://finance.eastmoney.com/news/*', '*://caifuhao.eastmoney.com/news/*'];

/** The content script's file in the built extension (entrypoints/article-overlay/, declared on ARTICLE_MATCHES). */
export const ARTICLE_OVERLAY_SCRIPT = '/article-overlay.js';
