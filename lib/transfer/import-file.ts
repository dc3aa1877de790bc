/** Reading an export file back into the archive, a batch at a time. */
import type { ImportOutcome } from '../archive/import-articles';
import { expectedImportBytes, type Room } from '../storage/storage-room';
import { archiveFileSizeProblem, parseArchiveJson, type ArchiveFileProblem } from './archive-json';
import { checkCorrections, type Corrections } from '../relevance/corrections';

/**
 * Articles a batch: each batch is one message and one transaction in the
 * background. A save that arrives meanwhile waits for the batch in flight, so
 * batches are kept small enough for that wait to stay short (200: about
 * 2.5 s here, against 5–6 s for 500) and large enough that the import does
 * not grow longer (100 made it a third longer); the README's durability
 * section has the figures.
 */
export const IMPORT_BATCH = 200;

export type ImportResult =
  | { outcome: ImportOutcome; corrections: number; fileError?: undefined }
  | { fileError: ArchiveFileProblem; outcome?: undefined };

/**
 * Imports a JSON export in batches, each one transaction in the background:
 * an interruption leaves whole articles only, and running the import again
 * merges by id without duplicates.
 */
export async function importFile(
  file: Pick<File, 'text'> & Partial<Pick<File, 'size'>>,
  importBatch: (articles: unknown[]) => Promise<ImportOutcome>,
  room?: (bytes: number) => Promise<Room>,
  importCorrections: (corrections: Corrections) => Promise<{ taken: number }> = async () => ({ taken: 0 }),
): Promise<ImportResult> {
  const tooLarge = archiveFileSizeProblem(file.size ?? 0);
  if (tooLarge) return { fileError: tooLarge };
  // Before anything is read or written: an import that cannot fit would stop
  // part way with the disk full, the rest of the reader's machine with it.
  const fits = room && file.size !== undefined ? await room(expectedImportBytes(file.size)) : null;
  if (fits && !fits.fits) return { fileError: { problem: 'no-room', needed: fits.needed, free: fits.free } };
  const parsed = parseArchiveJson(await file.text());
  if (!parsed.ok) return { fileError: parsed };
  const outcome: ImportOutcome = { taken: 0, created: 0, updated: 0, refused: [] };
  for (let start = 0; start < parsed.articles.length; start += IMPORT_BATCH) {
    const batch = await importBatch(parsed.articles.slice(start, start + IMPORT_BATCH));
    outcome.taken += batch.taken;
    outcome.created += batch.created;
    outcome.updated += batch.updated;
    outcome.refused.push(...batch.refused.map((refusal) => ({ ...refusal, index: refusal.index + start })));
  }
  // After the articles, so the counts they change are of articles already in the archive.
  const corrections = checkCorrections(parsed.corrections);
  const { taken } = Object.keys(corrections).length ? await importCorrections(corrections) : { taken: 0 };
  return { outcome, corrections: taken };
}
