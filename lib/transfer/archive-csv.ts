/** CSV export: one row per article, RFC 4180 quoting, a BOM so spreadsheet apps read UTF-8. */
import type { ArchivedArticle } from '../article-model';

const COLUMNS: Array<[string, (article: ArchivedArticle) => string]> = [
  ['id', (a) => a.id],
  ['title', (a) => a.title],
  ['url', (a) => a.url],
  ['published_at', (a) => a.publishedAt ?? ''],
  ['source', (a) => a.source ?? ''],
  ['author', (a) => a.author ?? ''],
  ['saved_at', (a) => new Date(a.savedAt).toISOString()],
  ['securities', (a) => a.mentions.map((m) => `${m.name}(${m.secid})×${m.count}`).join('; ')],
  ['doubtful_securities', (a) => a.mentions.filter((m) => m.relevance?.verdict === 'doubtful').map((m) => `${m.name}(${m.secid})`).join('; ')],
  ['key_figures', (a) => (a.keyFigures ?? []).map((f) => (f.label ? `${f.label} ${f.text}` : f.text)).join('; ')],
  ['tags', (a) => a.tags.join('; ')],
  ['note', (a) => a.note],
  ['summary', (a) => a.summary],
];

function cell(value: string): string {
  // A leading =, +, - or @ would be run as a formula by spreadsheet apps.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toArchiveCsv(articles: ArchivedArticle[]): string {
  const rows = [COLUMNS.map(([name]) => name), ...articles.map((article) => COLUMNS.map(([, read]) => read(article)))];
  return `\ufeff${rows.map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
}
