/**
 * An archived article as it leaves or enters the archive (export, import,
 * restore): the record plus when it was saved, its tags and its note.
 */
import type { ArchivedArticle } from './article-model';
import { checkArticleRecord, type Checked } from './article-record';
import { checkSnapshot } from './quotes/quote-snapshot';
import { hasVisibleText, oneLine, withoutInvisibles } from './visible-text';


const TAG_LIMITS = { tags: 20, tag: 40, note: 10_000 } as const;

/** Tags as the user typed them: split on commas (either width) or 、, trimmed, deduplicated. */
export function parseTags(input: string): string[] {
  return normaliseTags(input.split(/[,，、;；\n]/));
}

function normaliseTags(tags: string[]): string[] {
  const seen = new Set<string>();
  for (const tag of tags) {
    // Cut between characters, not inside a surrogate pair.
    const clean = oneLine(tag).slice(0, TAG_LIMITS.tag).replace(/[\ud800-\udbff]$/, '').trim();
    if (hasVisibleText(clean)) seen.add(clean);
  }
  return [...seen].slice(0, TAG_LIMITS.tags);
}

export function checkAnnotation(value: unknown): Checked<{ tags: string[]; note: string }> {
  const { tags, note } = (value ?? {}) as { tags?: unknown; note?: unknown };
  if (!Array.isArray(tags) || !tags.every((tag) => typeof tag === 'string')) return { ok: false, error: 'tags must be a list of text' };
  if (tags.length > TAG_LIMITS.tags) return { ok: false, error: `more than ${TAG_LIMITS.tags} tags` };
  if (tags.some((tag) => tag.length > TAG_LIMITS.tag)) return { ok: false, error: `a tag is longer than ${TAG_LIMITS.tag} characters` };
  if (typeof note !== 'string') return { ok: false, error: 'note must be text' };
  if (note.length > TAG_LIMITS.note) return { ok: false, error: `note is longer than ${TAG_LIMITS.note} characters` };
  return { ok: true, value: { tags: normaliseTags(tags), note: withoutInvisibles(note) } };
}

const EARLIEST = Date.UTC(2000, 0, 1);

function checkTime(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < EARLIEST || value > Date.now() + 86_400_000 * 366) {
    throw new Error(`${field} is not a time`);
  }
  return Math.round(value);
}

export function checkArchivedArticle(value: unknown): Checked<ArchivedArticle> {
  const record = checkArticleRecord(value);
  if (!record.ok) return record;
  const extra = value as Record<string, unknown>;
  const annotation = checkAnnotation({ tags: extra.tags ?? [], note: extra.note ?? '' });
  if (!annotation.ok) return annotation;
  try {
    const savedAt = checkTime(extra.savedAt, 'savedAt');
    const updatedAt = extra.updatedAt === undefined ? savedAt : checkTime(extra.updatedAt, 'updatedAt');
    const quotesAtSave = checkSnapshot(extra.quotesAtSave, record.value.mentions.map((m) => m.secid));
    return {
      ok: true,
      value: {
        ...record.value,
        savedAt,
        updatedAt: Math.max(savedAt, updatedAt),
        ...annotation.value,
        ...(quotesAtSave && { quotesAtSave }),
      },
    };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}
