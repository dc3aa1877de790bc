/**
 * The Markdown export as a zip: one file per article, each named safely
 * (zip-entry-name.ts) and uniquely. The zip library comes in with this
 * module, so callers that import it lazily keep it out of every other page.
 */
import { strToU8, zipSync } from 'fflate';
import type { ArchivedArticle } from '../article-model';
import { articleMarkdown, markdownFileName } from './archive-markdown';
import { uniqueEntryNames } from './zip-entry-name';

/** The entry name of each article, in order: safe, and unique within the zip. */
export function markdownEntryNames(articles: readonly ArchivedArticle[]): string[] {
  return uniqueEntryNames(articles.map(markdownFileName));
}

export function markdownZip(articles: readonly ArchivedArticle[]): Uint8Array<ArrayBuffer> {
  const names = markdownEntryNames(articles);
  const files: Record<string, Uint8Array> = {};
  articles.forEach((article, i) => {
    files[names[i]!] = strToU8(articleMarkdown(article));
  });
  // fflate builds the zip in a fresh ArrayBuffer; its types only say ArrayBufferLike.
  return zipSync(files) as Uint8Array<ArrayBuffer>;
}
