/** The export files: the whole archive or what a filter shows, as JSON (lossless), CSV or a zip of Markdown files. */
import { collectArticles } from '../archive/export-articles';
import type { ArchiveDb } from '../archive/schema';
import type { ArchiveFilter } from '../archive/query';
import { toArchiveCsv } from './archive-csv';
import { toArchiveJson } from './archive-json';
import { listCorrections } from '../archive/corrections-store';

function stamp(date = new Date()): string {
  return date.toISOString().slice(0, 16).replace(/[-:T]/g, '');
}

/** An export file of the whole archive or of what the filter shows. */
export async function exportFile(
  db: ArchiveDb,
  format: 'json' | 'markdown' | 'csv',
  filter: ArchiveFilter,
): Promise<{ name: string; data: Blob }> {
  const articles = await collectArticles(db, filter);
  const base = `em-lens-${stamp()}`;
  if (format === 'json') {
    // The reader's corrections go with the whole archive; a filtered export takes those of its articles and the everywhere ones.
    const ids = new Set(articles.map((article) => article.id));
    const corrections = Object.values(await listCorrections(db)).filter((c) => c.articleId === null || ids.has(c.articleId));
    return { name: `${base}.json`, data: new Blob([toArchiveJson(articles, new Date(), corrections)], { type: 'application/json' }) };
  }
  if (format === 'csv') return { name: `${base}.csv`, data: new Blob([toArchiveCsv(articles)], { type: 'text/csv' }) };
  // The zip library loads only for this export, not with every popup.
  const { markdownZip } = await import('./markdown-zip');
  return { name: `${base}-markdown.zip`, data: new Blob([markdownZip(articles)], { type: 'application/zip' }) };
}

