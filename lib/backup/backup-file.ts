/**
 * The whole archive as the lossless JSON export (lib/transfer/archive-json.ts),
 * written a few hundred articles at a time with a pause between, so a backup
 * of 50,000 articles never holds the extension's thread for long: each chunk is
 * one short read and one small stringify, kept as its own Blob (a Blob of
 * Blobs is not copied again).
 */
import { articleIdsNewestFirst, collectArticlesById } from '../archive/export-articles';
import { listCorrections } from '../archive/corrections-store';
import type { ArchiveDb } from '../archive/schema';
import { exportable, toArchiveJson } from '../transfer/archive-json';

/** Articles read and stringified between two pauses. */
export const BACKUP_CHUNK = 200;

const ARTICLES_SLOT = '"articles": []';

/** The export's text around its articles: everything toArchiveJson writes for an archive without any, split where they go. */
function frame(exportedAt: Date, corrections: Parameters<typeof toArchiveJson>[2]): { head: string; tail: string; empty: string } {
  const empty = toArchiveJson([], exportedAt, corrections);
  const at = empty.indexOf(ARTICLES_SLOT);
  return { head: empty.slice(0, at) + '"articles": [', tail: '\n ]' + empty.slice(at + ARTICLES_SLOT.length), empty };
}

/** The same text as exportFile's JSON of the whole archive, as a Blob, with `pause()` awaited between chunks. */
export async function backupBlob(db: ArchiveDb, exportedAt: Date, pause: () => Promise<void>): Promise<{ blob: Blob; articles: number }> {
  const corrections = Object.values(await listCorrections(db));
  const ids = await articleIdsNewestFirst(db);
  const { head, tail, empty } = frame(exportedAt, corrections);
  const parts: Blob[] = [];
  let written = 0;
  for (let start = 0; start < ids.length; start += BACKUP_CHUNK) {
    await pause();
    const articles = await collectArticlesById(db, ids.slice(start, start + BACKUP_CHUNK));
    // One array entry per article, indented as JSON.stringify(…, null, 1) indents it two levels down.
    const text = articles.map((article) => `${written++ ? ',' : ''}\n  ${JSON.stringify(exportable(article), null, 1).replace(/\n/g, '\n  ')}`);
    parts.push(new Blob(text));
  }
  if (written === 0) return { blob: new Blob([empty], { type: 'application/json' }), articles: 0 };
  return { blob: new Blob([head, ...parts, tail], { type: 'application/json' }), articles: written };
}

/**
 * Lets other work run before the next chunk. A message, not a timer: a hidden
 * document's timers are throttled to one a second or slower, a message is not.
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** What the Chrome writer document (entrypoints/backup-writer) sends back over its port. */
export type WriterReply = { ok: true; url: string; bytes: number; articles: number } | { ok: false; message: string };
export const WRITER_PORT = 'backup-writer';
