/**
 * The check every article state read from the server passes before it is
 * merged: the folder is the reader's, but any program (or a damaged upload)
 * may have written it. A state that fails is refused with the reason.
 */
import { checkArticleRecord, type Checked } from '../article-record';
import { checkSnapshot } from '../quotes/quote-snapshot';
import { isStamp, type Stamp } from './hlc';
import type { ArticleState, SyncedRecord } from './article-state';

const LIMITS = { stamps: 10_000, tags: 200, tag: 40, note: 100_000, notes: 50 } as const;
const EARLIEST = Date.UTC(2000, 0, 1);

function stamps(value: unknown, field: string): Stamp[] {
  if (!Array.isArray(value) || value.length > LIMITS.stamps || !value.every(isStamp)) throw new Error(`${field} must be a list of stamps`);
  return [...new Set(value)].sort();
}

function content(value: unknown): ArticleState['content'] {
  if (value === null) return null;
  const { stamp, value: record } = (value ?? {}) as { stamp?: unknown; value?: unknown };
  if (!isStamp(stamp)) throw new Error('content.stamp must be a stamp');
  const checked = checkArticleRecord(record);
  if (!checked.ok) throw new Error(`content: ${checked.error}`);
  const quotesAtSave = checkSnapshot((record as Record<string, unknown>).quotesAtSave, checked.value.mentions.map((m) => m.secid));
  const synced: SyncedRecord = { ...checked.value, ...(quotesAtSave && { quotesAtSave }) };
  return { stamp, value: synced };
}

export function checkArticleState(value: unknown): Checked<ArticleState> {
  try {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('state must be an object');
    const raw = value as Record<string, unknown>;
    if (typeof raw.id !== 'string' || !/^\d{17,23}$/.test(raw.id)) throw new Error('id must be an Eastmoney article number');
    const checkedContent = content(raw.content ?? null);
    if (checkedContent && checkedContent.value.id !== raw.id) throw new Error('content is of another article');
    const savedAt = raw.savedAt ?? null;
    if (savedAt !== null && (typeof savedAt !== 'number' || !Number.isFinite(savedAt) || savedAt < EARLIEST)) throw new Error('savedAt is not a time');
    const updatedAt = raw.updatedAt ?? null;
    if (updatedAt !== null && (typeof updatedAt !== 'number' || !Number.isFinite(updatedAt) || updatedAt < EARLIEST)) throw new Error('updatedAt is not a time');
    if (typeof raw.tags !== 'object' || raw.tags === null || Array.isArray(raw.tags)) throw new Error('tags must be an object');
    const tagEntries = Object.entries(raw.tags as Record<string, unknown>);
    if (tagEntries.length > LIMITS.tags) throw new Error('too many tags');
    const tags: Record<string, Stamp[]> = {};
    for (const [tag, list] of tagEntries) {
      if (!tag.trim() || tag.length > LIMITS.tag) throw new Error('a tag is empty or too long');
      tags[tag] = stamps(list, `tags.${tag}`);
    }
    if (!Array.isArray(raw.notes) || raw.notes.length > LIMITS.notes) throw new Error('notes must be a short list');
    const notes = raw.notes.map((version: unknown) => {
      const { stamp, text } = (version ?? {}) as { stamp?: unknown; text?: unknown };
      if (!isStamp(stamp) || typeof text !== 'string' || text.length > LIMITS.note) throw new Error('a note version is not a stamp and text');
      return { stamp, text };
    });
    return {
      ok: true,
      value: {
        id: raw.id,
        content: checkedContent,
        savedAt: savedAt === null ? null : Math.round(savedAt as number),
        updatedAt: updatedAt === null ? null : Math.round(updatedAt as number),
        live: stamps(raw.live, 'live'),
        tags,
        notes,
        removed: stamps(raw.removed, 'removed'),
      },
    };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}
