import { collectArticles } from '../../lib/archive/export-articles';
import type { ArchiveDb } from '../../lib/archive/db';
import type { ArchiveFilter } from '../../lib/archive/query';
import type { createSender, ImportOutcome } from '../../lib/protocol';
import { toArchiveCsv } from '../../lib/transfer/archive-csv';
import { archiveFileSizeProblem, parseArchiveJson, toArchiveJson } from '../../lib/transfer/archive-json';
import type { ImportReportState } from './import-report';

const IMPORT_BATCH = 500;

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
  if (format === 'json') return { name: `${base}.json`, data: new Blob([toArchiveJson(articles)], { type: 'application/json' }) };
  if (format === 'csv') return { name: `${base}.csv`, data: new Blob([toArchiveCsv(articles)], { type: 'text/csv' }) };
  // The zip library loads only for this export, not with every popup.
  const { markdownZip } = await import('../../lib/transfer/markdown-zip');
  return { name: `${base}-markdown.zip`, data: new Blob([markdownZip(articles)], { type: 'application/zip' }) };
}

/**
 * Imports a JSON export in batches, each one transaction in the background:
 * an interruption leaves whole articles only, and running the import again
 * merges by id without duplicates.
 */
export async function importFile(
  file: Pick<File, 'text'> & Partial<Pick<File, 'size'>>,
  send: ReturnType<typeof createSender>,
): Promise<ImportReportState> {
  const tooLarge = archiveFileSizeProblem(file.size ?? 0);
  if (tooLarge) return { fileError: tooLarge };
  const parsed = parseArchiveJson(await file.text());
  if (!parsed.ok) return { fileError: parsed };
  const outcome: ImportOutcome = { taken: 0, created: 0, updated: 0, refused: [] };
  for (let start = 0; start < parsed.articles.length; start += IMPORT_BATCH) {
    const batch = await send('archive:import', { articles: parsed.articles.slice(start, start + IMPORT_BATCH) });
    outcome.taken += batch.taken;
    outcome.created += batch.created;
    outcome.updated += batch.updated;
    outcome.refused.push(...batch.refused.map((refusal) => ({ ...refusal, index: refusal.index + start })));
  }
  return { outcome };
}
