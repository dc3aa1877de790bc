/**
 * The JSON export format, version 1:
 *
 *   {
 *     "format": "em-lens-archive",
 *     "version": 1,
 *     "exportedAt": "2026-11-28T09:30:00.000Z",
 *     "articles": [ ArchivedArticle, … ]   // newest saved first
 *   }
 *
 * An ArchivedArticle is the record EM Lens reads from a page (id, url, title,
 * publishedAt, source, author, summary, bodyText, bodyHtml, mentions,
 * template, and keyFigures where read) plus savedAt and updatedAt (ms since
 * the epoch), tags and note, and, where quotes were on, quotesAtSave:
 * { secid: { price, changePct, time } }. A mention carries, where the rules
 * judged it, relevance: { verdict, doubtfulMentions, rule, reason, params,
 * marks: [{ before, text, after, verdict, rule }] }. The reader's corrections
 * ride beside the articles: "corrections": [Correction, …].
 * Export → import into an empty archive → export gives the same articles.
 */
import { MENTION_FIELDS, type ArchivedArticle } from '../article-model';
import type { Correction } from '../relevance/corrections';
import { jsonNestingDepth } from './json-depth';

const FORMAT = 'em-lens-archive';
const VERSION = 1;

const FIELDS = [
  'id', 'url', 'title', 'publishedAt', 'source', 'author', 'summary', 'bodyText', 'bodyHtml',
  'mentions', 'template', 'keyFigures', 'savedAt', 'updatedAt', 'tags', 'note', 'quotesAtSave',
] as const satisfies ReadonlyArray<keyof ArchivedArticle>;

/** The article with exactly the documented fields, in a fixed order. */
export function exportable(article: ArchivedArticle): ArchivedArticle {
  const out: Record<string, unknown> = {};
  for (const field of FIELDS) if (article[field] !== undefined) out[field] = article[field];
  out.mentions = article.mentions.map((mention) =>
    Object.fromEntries(MENTION_FIELDS.filter((f) => mention[f] !== undefined).map((f) => [f, mention[f]])),
  );
  return out as unknown as ArchivedArticle;
}

export function toArchiveJson(articles: ArchivedArticle[], exportedAt = new Date(), corrections: Correction[] = []): string {
  return JSON.stringify(
    {
      format: FORMAT,
      version: VERSION,
      exportedAt: exportedAt.toISOString(),
      articles: articles.map(exportable),
      // Left out when there are none, so a file from before corrections existed and one without any look alike.
      ...(corrections.length && { corrections }),
    },
    null,
    1,
  );
}

/**
 * What an import takes, checked before the text is parsed. An export nests
 * five deep (file, articles, article, mentions or quotesAtSave, entry); the
 * size stays well under the longest string a browser holds (2^29 characters
 * in Chrome), and JSON.parse of this much takes seconds, not minutes.
 */
export const ARCHIVE_FILE_LIMITS = { depth: 16, bytes: 400 * 1024 * 1024 } as const;

export type ArchiveFileProblem =
  | { problem: 'too-large'; limitMb: number }
  | { problem: 'too-deep'; limit: number }
  | { problem: 'not-json' }
  | { problem: 'not-archive' }
  | { problem: 'version'; version: string; supported: number }
  | { problem: 'no-list' }
  /** The archive would not have room for it (lib/storage/storage-room.ts): bytes needed with the reserve, bytes free. */
  | { problem: 'no-room'; needed: number; free: number };

export type ParsedArchive = { ok: true; articles: unknown[]; corrections: unknown[] } | ({ ok: false } & ArchiveFileProblem);

/** Why a file of `bytes` is not even read, or null when its size is fine. */
export function archiveFileSizeProblem(bytes: number): ArchiveFileProblem | null {
  return bytes > ARCHIVE_FILE_LIMITS.bytes ? { problem: 'too-large', limitMb: ARCHIVE_FILE_LIMITS.bytes / 2 ** 20 } : null;
}

/** Why a file's top-level fields are not an export's this version reads, or null when they are. */
export function checkArchiveHead(file: { format?: unknown; version?: unknown }): ArchiveFileProblem | null {
  if (file.format !== FORMAT) return { problem: 'not-archive' };
  if (file.version !== VERSION) return { problem: 'version', version: (JSON.stringify(file.version) ?? 'none').slice(0, 40), supported: VERSION };
  return null;
}

/** The articles of an export file, not yet checked one by one; or why the file is not one. */
export function parseArchiveJson(text: string): ParsedArchive {
  // A UTF-16 unit is at least one byte of the file it came from.
  const tooLarge = archiveFileSizeProblem(text.length);
  if (tooLarge) return { ok: false, ...tooLarge };
  if (jsonNestingDepth(text, ARCHIVE_FILE_LIMITS.depth) > ARCHIVE_FILE_LIMITS.depth) {
    return { ok: false, problem: 'too-deep', limit: ARCHIVE_FILE_LIMITS.depth };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'not-json' };
  }
  const file = data as { format?: unknown; version?: unknown; articles?: unknown; corrections?: unknown } | null;
  if (!file || typeof file !== 'object') return { ok: false, problem: 'not-archive' };
  const problem = checkArchiveHead(file);
  if (problem) return { ok: false, ...problem };
  if (!Array.isArray(file.articles)) return { ok: false, problem: 'no-list' };
  return { ok: true, articles: file.articles, corrections: Array.isArray(file.corrections) ? file.corrections : [] };
}
