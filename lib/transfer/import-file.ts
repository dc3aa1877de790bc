/** Reading an export file back into the archive, a batch at a time. */
import type { ImportOutcome } from '../archive/import-articles';
import { expectedImportBytes, type Room } from '../storage/storage-room';
import { ARCHIVE_FILE_LIMITS, archiveFileSizeProblem, checkArchiveHead, parseArchiveJson, type ArchiveFileProblem } from './archive-json';
import { ArchiveStreamError, createArchiveSplitter } from './archive-stream';
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
  file: Pick<File, 'text'> & { size?: number; stream?: () => ReadableStream<Uint8Array> },
  importBatch: (articles: unknown[]) => Promise<ImportOutcome>,
  room?: (bytes: number) => Promise<Room>,
  importCorrections: (corrections: Corrections) => Promise<{ taken: number }> = async () => ({ taken: 0 }),
): Promise<ImportResult> {
  // A file too large to read as one string (a backup of a large archive) is read as a stream.
  const streamed = (file.size ?? 0) > ARCHIVE_FILE_LIMITS.bytes && file.stream;
  const tooLarge = streamed ? null : archiveFileSizeProblem(file.size ?? 0);
  if (tooLarge) return { fileError: tooLarge };
  // Before anything is read or written: an import that cannot fit would stop
  // part way with the disk full, the rest of the reader's machine with it.
  const fits = room && file.size !== undefined ? await room(expectedImportBytes(file.size)) : null;
  if (fits && !fits.fits) return { fileError: { problem: 'no-room', needed: fits.needed, free: fits.free } };
  if (streamed) return importStream(file.stream!(), importBatch, importCorrections);
  const parsed = parseArchiveJson(await file.text());
  if (!parsed.ok) return { fileError: parsed };
  const batches = batchImporter(importBatch);
  for (let start = 0; start < parsed.articles.length; start += IMPORT_BATCH) await batches.send(parsed.articles.slice(start, start + IMPORT_BATCH));
  return finish(batches.outcome, parsed.corrections, importCorrections);
}

/** Sends batches in file order and sums their outcomes, each refusal indexed in the whole file. */
function batchImporter(importBatch: (articles: unknown[]) => Promise<ImportOutcome>) {
  const outcome: ImportOutcome = { taken: 0, created: 0, updated: 0, refused: [] };
  let sent = 0;
  return {
    outcome,
    async send(articles: unknown[]) {
      const batch = await importBatch(articles);
      outcome.taken += batch.taken;
      outcome.created += batch.created;
      outcome.updated += batch.updated;
      const start = sent;
      outcome.refused.push(...batch.refused.map((refusal) => ({ ...refusal, index: refusal.index + start })));
      sent += articles.length;
    },
  };
}

/** The file's corrections, after its articles, so the counts they change are of articles already in the archive. */
async function finish(
  outcome: ImportOutcome,
  listed: unknown[],
  importCorrections: (corrections: Corrections) => Promise<{ taken: number }>,
): Promise<ImportResult> {
  const corrections = checkCorrections(listed);
  const { taken } = Object.keys(corrections).length ? await importCorrections(corrections) : { taken: 0 };
  return { outcome, corrections: taken };
}

/** The most characters one article of a streamed file may take: far over any article a page gives. */
const STREAMED_ARTICLE_CHARS = 64 * 2 ** 20;

/**
 * A file read as a stream, its articles cut out one by one and imported in
 * the same batches as a file read whole. A file that turns out not to be an
 * export stops the import with the same problem; the batches already
 * imported stay (each was whole, and importing the file again merges by id).
 */
async function importStream(
  stream: ReadableStream<Uint8Array>,
  importBatch: (articles: unknown[]) => Promise<ImportOutcome>,
  importCorrections: (corrections: Corrections) => Promise<{ taken: number }>,
): Promise<ImportResult> {
  const batches = batchImporter(importBatch);
  let waiting: unknown[] = [];
  const splitter = createArchiveSplitter((article) => waiting.push(article), { elementChars: STREAMED_ARTICLE_CHARS, depth: ARCHIVE_FILE_LIMITS.depth });
  const send = async (articles: unknown[]) => {
    // An export names its format and version before its articles: nothing is written from a file that is not one.
    const problem = checkArchiveHead(splitter.head());
    if (problem) throw new ArchiveStreamError(problem);
    await batches.send(articles);
  };
  const reader = stream.getReader();
  // A character cut between two chunks is held back until the next one.
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let fields: Record<string, unknown>;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      splitter.push(decodeChunk(decoder, value));
      while (waiting.length >= IMPORT_BATCH) await send(waiting.splice(0, IMPORT_BATCH));
    }
    splitter.push(decodeChunk(decoder));
    fields = splitter.end();
    if (waiting.length) await send(waiting);
    waiting = [];
    const problem = checkArchiveHead(fields) ?? (fields.articles === true ? null : { problem: 'no-list' as const });
    if (problem) return { fileError: problem };
  } catch (error) {
    await reader.cancel().catch(() => {});
    if (error instanceof ArchiveStreamError) return { fileError: error.problem };
    throw error;
  }
  return finish(batches.outcome, Array.isArray(fields.corrections) ? fields.corrections : [], importCorrections);
}

/** A chunk's text (none: the end of the stream); bytes that are no UTF-8 make the file no JSON. */
function decodeChunk(decoder: TextDecoder, bytes?: Uint8Array): string {
  try {
    return bytes ? decoder.decode(bytes, { stream: true }) : decoder.decode();
  } catch {
    throw new ArchiveStreamError({ problem: 'not-json' });
  }
}
