/**
 * What sync knows of one article: a state every device can merge with any
 * other in any order, any number of times, and end with the same article.
 *
 *   content  the record (and its save-time quotes); the latest stamp wins
 *   savedAt  the earliest first save seen anywhere
 *   updatedAt the latest change seen anywhere (as the archive counts it)
 *   live     "the article is in the archive": a set of stamps that saves and
 *            edits add and a delete removes. A delete removes only the
 *            stamps its device had seen, so an edit made elsewhere at the
 *            same time keeps the article (an edit beats a concurrent delete).
 *   tags     per tag, the stamps of its adds; removing a tag removes the
 *            stamps seen, so a concurrent add keeps it (add wins)
 *   notes    the versions of the note not yet superseded; an edit supersedes
 *            the versions its device showed. Two left means two devices
 *            edited at once: the latest is the note, the others follow it as
 *            marked conflict copies until the reader edits the note again.
 *   removed  the stamps removed from live, tags and notes (tombstones)
 *
 * merge() is a join: commutative, associative and idempotent (the property
 * tests in test/unit/sync-merge.test.ts). A change travels as a delta, which
 * is a state holding only what changed.
 */
import { BODY_FIELDS, HEAD_FIELDS, type ArchivedArticle, type ArticleRecord } from '../article-model';
import type { QuoteSnapshot } from '../quotes/quote-snapshot';
import { wallOf, type Stamp, type Stamper } from './hlc';

export type SyncedRecord = ArticleRecord & { quotesAtSave?: QuoteSnapshot };

export interface NoteVersion {
  stamp: Stamp;
  text: string;
}

export interface ArticleState {
  id: string;
  content: { stamp: Stamp; value: SyncedRecord } | null;
  /** ms since the epoch; Infinity is never stored: a delta without a save has none. */
  savedAt: number | null;
  /** ms since the epoch; null in a delta that does not move it. */
  updatedAt: number | null;
  live: Stamp[];
  tags: Record<string, Stamp[]>;
  notes: NoteVersion[];
  removed: Stamp[];
}

export const RECORD_FIELDS = [...HEAD_FIELDS, ...BODY_FIELDS] as const;

export function emptyState(id: string): ArticleState {
  return { id, content: null, savedAt: null, updatedAt: null, live: [], tags: {}, notes: [], removed: [] };
}

const sortedUnion = (a: readonly Stamp[], b: readonly Stamp[]): Stamp[] => [...new Set([...a, ...b])].sort();

/** The join of two states of the same article. */
export function mergeStates(a: ArticleState, b: ArticleState): ArticleState {
  if (a.id !== b.id) throw new Error(`merging ${a.id} with ${b.id}`);
  const removed = sortedUnion(a.removed, b.removed);
  const gone = new Set(removed);
  const keep = (stamps: Stamp[]) => stamps.filter((stamp) => !gone.has(stamp));
  const tags: Record<string, Stamp[]> = {};
  for (const tag of [...new Set([...Object.keys(a.tags), ...Object.keys(b.tags)])].sort()) {
    const stamps = keep(sortedUnion(a.tags[tag] ?? [], b.tags[tag] ?? []));
    if (stamps.length) tags[tag] = stamps;
  }
  const notes = new Map<Stamp, NoteVersion>();
  for (const version of [...a.notes, ...b.notes]) if (!gone.has(version.stamp)) notes.set(version.stamp, version);
  let content = a.content;
  if (b.content && (!content || b.content.stamp > content.stamp)) content = b.content;
  const savedAt = a.savedAt === null ? b.savedAt : b.savedAt === null ? a.savedAt : Math.min(a.savedAt, b.savedAt);
  const updatedAt = a.updatedAt === null ? b.updatedAt : b.updatedAt === null ? a.updatedAt : Math.max(a.updatedAt, b.updatedAt);
  return {
    id: a.id,
    content,
    savedAt,
    updatedAt,
    live: keep(sortedUnion(a.live, b.live)),
    tags,
    notes: [...notes.values()].sort((x, y) => (x.stamp < y.stamp ? -1 : x.stamp > y.stamp ? 1 : 0)),
    removed,
  };
}

export const isAlive = (state: ArticleState): boolean => state.live.length > 0 && state.content !== null;

/** The line that sets off a conflict copy in a note; the same text on every device, so it is in both languages. */
export function conflictMarker(stamp: Stamp): string {
  const when = new Date(wallOf(stamp)).toISOString().slice(0, 16).replace('T', ' ');
  return `——— 冲突副本 · conflict copy · ${when} UTC ———`;
}

/** The note a state shows: the latest version, then the others as marked copies. */
export function noteOf(state: ArticleState): string {
  const versions = [...state.notes].reverse();
  const [winner, ...others] = versions;
  if (!winner) return '';
  const copies = others.filter((version) => version.text.trim() && version.text !== winner.text);
  return [winner.text, ...copies.map((version) => `${conflictMarker(version.stamp)}\n${version.text}`)].filter(Boolean).join('\n\n');
}

/** The tags a state shows, in the order they were first added. */
export function tagsOf(state: ArticleState): string[] {
  return Object.entries(state.tags)
    .map(([tag, stamps]) => [tag, stamps[0]!] as const)
    .sort((x, y) => (x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : x[0] < y[0] ? -1 : 1))
    .map(([tag]) => tag);
}

/** The article as the archive keeps it, or null when it is deleted (or was never saved). */
export function viewOf(state: ArticleState): ArchivedArticle | null {
  if (!isAlive(state) || !state.content) return null;
  const { quotesAtSave, ...record } = state.content.value;
  const savedAt = state.savedAt ?? wallOf(state.content.stamp);
  return {
    ...pickRecord(record),
    savedAt,
    updatedAt: Math.max(savedAt, state.updatedAt ?? 0),
    tags: tagsOf(state),
    note: noteOf(state),
    ...(quotesAtSave && { quotesAtSave }),
  };
}

function pickRecord(source: ArticleRecord): ArticleRecord {
  const out = {} as Record<string, unknown>;
  for (const field of RECORD_FIELDS) out[field] = source[field];
  return out as unknown as ArticleRecord;
}

/** The synced part of an archived article (record and save-time quotes), field by field. */
export function syncedRecordOf(article: ArchivedArticle): SyncedRecord {
  const record: SyncedRecord = pickRecord(article);
  if (article.quotesAtSave) record.quotesAtSave = article.quotesAtSave;
  return record;
}

/** JSON with object keys sorted: equal values give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      : inner,
  );
}

/**
 * The delta that brings `state` to what the archive holds now (`local`, or
 * undefined when the article is not in it), stamped by `stamps`; null when
 * nothing changed.
 */
export function deltaOf(state: ArticleState, local: ArchivedArticle | undefined, stamps: Stamper): ArticleState | null {
  const delta = emptyState(state.id);
  const alive = isAlive(state);
  if (!local) {
    if (!alive) return null;
    delta.removed = [...state.live];
    return delta;
  }
  let changed = false;
  const record = syncedRecordOf(local);
  // A save after a delete is a new save, even of the same text: stamped now, it beats a save made elsewhere
  // before it, as it does on a device that has already let the deleted record go.
  if (!alive || !state.content || canonicalJson(state.content.value) !== canonicalJson(record)) {
    delta.content = { stamp: stamps.next(), value: record };
    changed = true;
  }
  if (state.savedAt === null || local.savedAt < state.savedAt) {
    delta.savedAt = local.savedAt;
    changed = true;
  }
  if (state.updatedAt === null || local.updatedAt > state.updatedAt) {
    delta.updatedAt = local.updatedAt;
    changed = true;
  }
  // Against what the state remembers even when deleted: a new save starts from the archive's tags and note.
  const shown = new Set(tagsOf(state));
  const wanted = new Set(local.tags);
  for (const tag of wanted) {
    if (!shown.has(tag)) {
      delta.tags[tag] = [stamps.next()];
      changed = true;
    }
  }
  for (const tag of shown) {
    if (!wanted.has(tag)) {
      delta.removed.push(...(state.tags[tag] ?? []));
      changed = true;
    }
  }
  if (local.note !== noteOf(state)) {
    delta.removed.push(...state.notes.map((version) => version.stamp));
    if (local.note) delta.notes = [{ stamp: stamps.next(), text: local.note }];
    changed = true;
  }
  if (!alive && !changed) changed = true;
  if (!changed) return null;
  // Any change keeps the article alive against a delete made elsewhere meanwhile.
  delta.removed.push(...state.live);
  delta.live = [stamps.next()];
  delta.removed = [...new Set(delta.removed)].sort();
  return delta;
}

/** Every stamp a state holds, for the clock to catch up with. */
export function stampsOf(state: ArticleState): Stamp[] {
  return [
    ...(state.content ? [state.content.stamp] : []),
    ...state.live,
    ...Object.values(state.tags).flat(),
    ...state.notes.map((version) => version.stamp),
    ...state.removed,
  ];
}
