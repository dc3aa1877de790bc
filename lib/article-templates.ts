/**
 * The page templates EM Lens reads (see ../shared/eastmoney-notes.md and
 * test/fixtures):
 *   current  #topbox > .title, .infos > .item (time · 来源 · 作者), #ContentBody.txtinfos
 *   legacy   .newsContent > h1, .Info .time-source, .abstract .b-review, #ContentBody.Body
 *   mobile   .atitle, .digest_content, article#zwtext
 *   caifuhao div.article.page-article
 *   generic  a copy on another site that names its original
 */
import type { ArticleTemplate } from './article-model';

export interface Template {
  name: ArticleTemplate;
  /** Present only on pages of this template. */
  marker: string;
  title: string;
  /** Alternatives, most specific first (a selector list would pick by document order instead). */
  body: string[];
  /** Alternatives, most specific first: the first that matches anything is used. */
  meta: string[];
  summary: string;
  /** Parts of the body that are not the article in this template (the copy's summary quote). */
  noise?: string;
}

const TEMPLATES: Template[] = [
  {
    name: 'current',
    marker: '#topbox',
    title: '#topbox .title, #topbox h1',
    body: ['#ContentBody', '.txtinfos'],
    meta: ['#topbox .infos .item', '#topbox .infos'],
    summary: '.abstract .b-review, .b-review',
  },
  {
    name: 'legacy',
    marker: '.newsContent',
    title: '.newsContent h1',
    body: ['.newsContent #ContentBody', '.newsContent .Body', '#ContentBody'],
    meta: ['.newsContent .time-source > *', '.newsContent .Info > *', '.newsContent .Info'],
    summary: '.abstract .b-review, .b-review, .abstract',
  },
  {
    name: 'mobile',
    marker: 'article#zwtext, .atitle',
    title: '.atitle, h1',
    body: ['article#zwtext', '#zwtext'],
    meta: ['.article-info > *', '.atime, .asource', '.article-info'],
    summary: '.digest_content',
  },
  {
    name: 'caifuhao',
    marker: 'div.article.page-article',
    title: '.article-head .title, .article h1, h1',
    body: ['.article-body', '.xeditor_content', '.article-content', 'div.article.page-article'],
    meta: ['.article-meta > *', '.article-head .info > *', '.article-head .time', '.article-head'],
    summary: '.article-abstract, .abstract',
  },
];

/**
 * A copy on another site: whatever holds the post, its title and time, the
 * opening quote as its summary.
 */
const COPY: Template = {
  name: 'generic',
  marker: 'body',
  title: '.post-title, .entry-title, article h1, h1',
  body: ['.post-content', '.entry-content', '.article-content', 'article', 'main', '#content', 'body'],
  meta: ['time[datetime]', '.post-meta > *', '.post-meta', '.entry-meta'],
  summary: ':scope > blockquote:first-child',
  noise: ':scope > blockquote:first-child',
};

/** The template a page uses and its body element, or null when it has none. */
export function findArticleBody(doc: Document): { template: Template; body: Element } | null {
  for (const template of TEMPLATES) {
    if (!doc.querySelector(template.marker)) continue;
    for (const selector of template.body) {
      const body = doc.querySelector(selector);
      if (body) return { template, body };
    }
  }
  return null;
}

/** Just what the overlay shows: cheap enough to run on every article opened. */

export function templateNamed(name: ArticleTemplate): Template {
  return [...TEMPLATES, COPY].find((template) => template.name === name) ?? TEMPLATES[0]!;
}

/** The body of a copy on another site: the first of the usual containers that holds paragraphs. */
export function findCopyBody(doc: Document): { template: Template; body: Element } | null {
  for (const selector of COPY.body) {
    const body = doc.querySelector(selector);
    if (body?.querySelector('p')) return { template: COPY, body };
  }
  return null;
}
