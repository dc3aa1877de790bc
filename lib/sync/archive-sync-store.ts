/**
 * Sync's side of the archive: taking local changes into the outbox, and
 * applying a downloaded batch, each part in one IndexedDB transaction with
 * the records it moves (states, outbox, clock, how far it got), so an
 * interrupted sync resumes where it stopped and never applies an article of
 * a batch twice or half of one.
 */
import type { Writing } from '../archive/write-marker';
import type { IDBPTransaction } from 'idb';
import type { ArchivedArticle, ArticleListing } from '../article-model';
import { writeArchivedAllInTx, type ArchivedWrite } from '../archive/articles';
import { indexKeys } from '../archive/index-keys';
import { readCorrections } from '../archive/corrections-meta';
import { putCorrectionsInTx } from '../archive/corrections-store';
import type { ArchiveDb, ArchiveSchema, SyncStateRecord, WriteTx } from '../archive/schema';
import { correctionKey as correctionKeyOf } from '../relevance/corrections';
import { canonicalJson, deltaOf, emptyState, isAlive, mergeStates, stampsOf, viewOf, type ArticleState } from './article-state';
import { receive, stamper, startClock, type Clock } from './hlc';
import { BATCH_CHARS, chunkStates, encodeBatch } from './remote-layout';
import {
  changedCorrections,
  correctionsOf,
  localCorrectionEntries,
  mergeCorrectionEntries,
  type CorrectionEntry,
  type CorrectionStates,
} from './correction-state';
import { SyncError } from './sync-errors';
import { waitedLater } from './waited-later';

const STORES = ['articles', 'bodies', 'facets', 'meta', 'syncStates', 'syncOutbox', 'syncChanged'] as const;
type SyncTx = IDBPTransaction<ArchiveSchema, (typeof STORES)[number][], 'readwrite'>;

const META = {
  clock: 'syncClock',
  seq: 'syncSeq',
  cursors: 'syncCursors',
  corrections: 'syncCorrections',
  walkedAt: 'syncWalkedAt',
  partial: 'syncPartial',
  deaths: 'syncDeaths',
} as const;

/**
 * Of each article whose state is dead (deleted everywhere sync knows) and
 * still holds its record, the batch that last touched it: [device, seq]. The
 * record (and body) leave the state once every device has seen that batch
 * (`forgetDeletedContent`).
 */
export type Deaths = Record<string, [device: string, seq: number]>;

/**
 * Whether every device has seen batch `seq` of `device`: this one has (it
 * wrote or applied it), and each other device listed in the folder says so in
 * its head. A device whose head says nothing (none yet, or an earlier
 * version's) has not.
 */
export function seenEverywhere([device, seq]: [string, number], others: readonly string[], seenBy: Record<string, Record<string, number>>): boolean {
  return others.every((other) => other === device || (seenBy[other]?.[device] ?? 0) >= seq);
}

/**
 * How many articles of a downloaded batch one transaction applies, with how
 * far into the batch it got. A reader of the archive (the popup's first rows)
 * waits for a writing transaction over the same stores, and a whole batch of
 * some 300 articles held it for seconds; a sync stopped between two parts
 * resumes after the last part applied.
 */
export const APPLY_CHUNK = 60;

/** A batch applied in part: its first `done` articles (in the batch's order, one per article). */
interface PartApplied {
  seq: number;
  done: number;
}

/**
 * How often a sync walks the archive's indexes for changes instead of
 * trusting the journal alone (lib/archive/sync-journal.ts): for a write that
 * bypassed it. Also the first sync, and one after the clock went back.
 */
export const WALK_EVERY_MS = 24 * 60 * 60 * 1000;

type ReadTx = IDBPTransaction<ArchiveSchema, ('articles' | 'syncStates' | 'syncChanged' | 'meta')[], 'readonly'>;

/** What collectLocal is to take in, and what the mass-delete guard counts. */
interface Changes {
  candidates: string[];
  deletes: number;
  /** Articles sync knows alive; counted only when the deletes pass MASS_DELETE_FLOOR (0 below it). */
  alive: number;
}

/**
 * The mass-delete guard stops a run that deletes more than this many
 * articles and more than a tenth of those sync knows alive. Below it the
 * tenth is never asked for: counting an index of 50,000 keys takes Chromium
 * about two seconds, which a sync of one change would otherwise spend twice.
 */
export const MASS_DELETE_FLOOR = 5;
const massDelete = (deletes: number, alive: number) => deletes > MASS_DELETE_FLOOR && deletes > alive / 10;

/**
 * How many articles one transaction of collectLocal takes in at most; it
 * stops sooner once its changes fill a batch (BATCH_CHARS), so that each
 * transaction queues one full batch: a first sync of 50,000 articles is then
 * some 150 uploads, not one per 200 articles.
 */
const CHUNK = 500;

/** How many articles collectLocal reads at once: enough to keep IndexedDB busy, few enough that little is read past a full batch. */
const GROUP = 100;

/** What one transaction holds of an article. */
interface Held {
  id: string;
  listing: ArticleListing | undefined;
  body: { bodyText: string; bodyHtml: string } | undefined;
  record: SyncStateRecord | undefined;
}

/** A batch names each article once; one that names it twice is read as the join of both. */
function onePerArticle(states: ArticleState[]): ArticleState[] {
  const byId = new Map<string, ArticleState>();
  for (const state of states) {
    const known = byId.get(state.id);
    byId.set(state.id, known ? mergeStates(known, state) : state);
  }
  return [...byId.values()];
}

export interface CollectOptions {
  now: number;
  /** The reader confirmed a run that deletes more than a tenth of what sync knows. */
  allowMassDelete?: boolean;
  /** Called each time a transaction has queued batches: the upload may start on them while the rest are collected. */
  onQueued?: () => void;
}

export interface ApplyOutcome {
  /** False when this batch had been applied before. */
  applied: boolean;
  created: number;
  updated: number;
  deleted: number;
  /** Ids whose archive entry changed. */
  changed: string[];
  /** How many of the reader's corrections changed. */
  corrections: number;
}

function archivedOf(listing: ArticleListing | undefined, body: { bodyText: string; bodyHtml: string } | undefined): ArchivedArticle | undefined {
  if (!listing) return undefined;
  // What the archive works out from the record and the corrections is not part of the article.
  const { secids: _s, likelySecids: _l, kinds: _k, docNo: _d, pending: _p, ...rest } = listing;
  return { ...rest, bodyText: body?.bodyText ?? '', bodyHtml: body?.bodyHtml ?? '', tags: listing.tags ?? [], note: listing.note ?? '' };
}

/** The fields two devices must agree on, as text. */
const sameArticle = (a: ArchivedArticle | null | undefined, b: ArchivedArticle | null | undefined) =>
  canonicalJson(a ?? null) === canonicalJson(b ?? null);

const isPureDelete = (state: ArticleState) => !state.live.length && state.removed.length > 0;

const direct: Writing = (write) => write();

/**
 * `writing` runs around every write; `writingArticles` around those that
 * change the archive's articles as well as sync's own stores (the batches
 * applied), for a part that follows only the articles (lib/archive/newest-page.ts).
 */
export function createArchiveSyncStore(db: ArchiveDb, device: string, writing: Writing = direct, writingArticles: Writing = writing) {
  async function clockIn(tx: SyncTx): Promise<Clock> {
    return ((await tx.objectStore('meta').get(META.clock)) as Clock | undefined) ?? startClock(device);
  }

  /** Queues `states` (and corrections, with the first of them) as numbered batches in the outbox, inside `tx`. */
  async function enqueue(tx: SyncTx, states: ArticleState[], corrections: CorrectionEntry[] = []): Promise<number> {
    if (!states.length && !corrections.length) return 0;
    const meta = tx.objectStore('meta');
    let seq = ((await meta.get(META.seq)) as number | undefined) ?? 0;
    const chunks = states.length ? chunkStates(states) : [[]];
    for (const [i, chunk] of chunks.entries()) {
      seq += 1;
      const withCorrections = i === 0 ? corrections : [];
      const bytes = encodeBatch({ device, seq, states: chunk, corrections: withCorrections });
      await tx.objectStore('syncOutbox').put({ seq, bytes, count: chunk.length + withCorrections.length });
    }
    await meta.put(seq, META.seq);
    return chunks.length;
  }

  /** What `tx` holds of each article: listing, body and sync's record, every read made before any is waited for. */
  function readAll(tx: SyncTx, ids: string[]): Promise<Held[]> {
    return Promise.all(
      ids.map(async (id) => {
        const [listing, body, record] = await Promise.all([
          tx.objectStore('articles').get(id),
          tx.objectStore('bodies').get(id),
          tx.objectStore('syncStates').get(id),
        ]);
        return { id, listing, body, record };
      }),
    );
  }

  /**
   * Takes one article's local change (if any) into its state and merges
   * `remote` in; says what to write back (the merged view, when it differs
   * from the archive: a remote change, or the clock's order) and returns the
   * delta to upload. Nothing is written here: writeAll writes a group at once.
   */
  function settle(held: Held, stamps: ReturnType<typeof stamper>, remote: ArticleState | null) {
    const { id, listing, body, record } = held;
    const local = archivedOf(listing, body);
    const before: SyncStateRecord = record ?? { id, state: emptyState(id), seen: null };
    const untouched = (local?.updatedAt ?? null) === before.seen && (local !== undefined) === isAlive(before.state);
    const delta = untouched ? null : deltaOf(before.state, local, stamps);
    let state = delta ? mergeStates(before.state, delta) : before.state;
    if (remote) state = mergeStates(state, remote);
    const view = viewOf(state);
    const changed = !sameArticle(view, local);
    const write: ArchivedWrite | null = changed ? { id, article: view, existing: listing, body } : null;
    const next: SyncStateRecord | null = delta || remote || !record ? { id, state, seen: view?.updatedAt ?? null } : null;
    return { id, delta, changed, created: changed && !local && !!view, deleted: changed && !!local && !view, write, next };
  }

  /** Makes the writes settle() asked for, all at once. */
  function writeAll(tx: SyncTx, settled: Array<ReturnType<typeof settle>>): Promise<unknown> {
    const writes = settled.flatMap((result) => (result.write ? [result.write] : []));
    const states = tx.objectStore('syncStates');
    const noted = tx.objectStore('syncChanged');
    return Promise.all([
      writeArchivedAllInTx(tx, writes),
      ...settled.flatMap((result) => (result.next ? [states.put(result.next)] : [])),
      // Its change is taken in: the journal's note goes in the same transaction.
      ...settled.map((result) => noted.delete(result.id)),
    ]);
  }

  /**
   * Keeps the list of dead states up to date with the states `settled`
   * wrote, in the same transaction: a state that is dead after it is noted
   * with `at`, the batch that last touched it (the batch just queued, for a
   * local change; the batch applied, for a remote one); one alive again is
   * taken off.
   */
  async function noteDeaths(tx: SyncTx, settled: Array<ReturnType<typeof settle>>, at: [string, number]): Promise<void> {
    const written = settled.flatMap((result) => (result.next ? [result.next] : []));
    if (!written.length) return;
    const meta = tx.objectStore('meta');
    const deaths = ((await meta.get(META.deaths)) as Deaths | undefined) ?? {};
    let changed = false;
    for (const record of written) {
      if (!isAlive(record.state) && record.state.content) {
        deaths[record.id] = at;
        changed = true;
      } else if (record.id in deaths) {
        delete deaths[record.id];
        changed = true;
      }
    }
    if (changed) await meta.put(deaths, META.deaths);
  }

  /**
   * Takes the reader's corrections changed since sync last looked into its
   * record (returned, to be queued), merges `remote` in, and writes the
   * archive's corrections and the articles they concern when they changed.
   */
  async function reconcileCorrections(tx: SyncTx, stamps: ReturnType<typeof stamper>, remote: CorrectionEntry[]) {
    const meta = tx.objectStore('meta');
    const current = await readCorrections(meta);
    const known = ((await meta.get(META.corrections)) as CorrectionStates | undefined) ?? {};
    const local = localCorrectionEntries(known, current, stamps);
    const merged = mergeCorrectionEntries(mergeCorrectionEntries(known, local), remote);
    if (merged !== known) await meta.put(merged, META.corrections);
    const next = correctionsOf(merged);
    const changed = changedCorrections(current, next);
    if (changed.length) await putCorrectionsInTx(tx as unknown as WriteTx, next, changed);
    return { local, changed: new Set(changed.map(correctionKeyOf)).size };
  }

  /**
   * Every article whose change sync has not taken in, from the keys of two
   * indexes (when each article changed, when sync took it in), with the
   * journal's ids besides: the records and states stay unread.
   */
  async function walkForChanges(read: ReadTx, noted: string[]): Promise<Changes> {
    // One walk after the other: Chromium prefetches a cursor's next keys only
    // while no other request of the transaction comes between its steps, and two
    // walks side by side took twice as long as one after the other (bench/README.md, Sync).
    const current = new Map<string, number>(await indexKeys<string, number>(read.objectStore('articles').index('by-updated')));
    const seenKeys = await indexKeys<string, number>(read.objectStore('syncStates').index('by-seen'));
    const articleCount = await read.objectStore('articles').count();
    if (articleCount > current.size) {
      // An updatedAt that is no key (an archive written by hand) keeps its article out of the index: looked at always.
      for (const id of await read.objectStore('articles').getAllKeys()) if (!current.has(id)) current.set(id, -Infinity);
    }
    const candidates: string[] = [];
    // A state has a `seen` exactly while its article is alive in sync's view.
    const alive = seenKeys.length;
    let deletes = 0;
    for (const [id, seen] of seenKeys) {
      const updatedAt = current.get(id);
      if (updatedAt === undefined) deletes += 1;
      if (updatedAt !== seen) candidates.push(id);
      current.delete(id);
    }
    // Articles sync has not seen yet (or saw deleted), oldest change first.
    candidates.push(...[...current.entries()].sort((a, b) => a[1] - b[1] || 0).map(([id]) => id));
    // A noted article the walk finds unchanged is taken in all the same, so that its note goes.
    const listed = new Set(candidates);
    candidates.push(...noted.filter((id) => !listed.has(id)));
    return { candidates, deletes, alive };
  }

  /** The journal's articles, and how many of them are deletes of articles sync knows alive. */
  async function journalChanges(read: ReadTx, noted: string[]): Promise<Changes> {
    const gone = await Promise.all(noted.map(async (id) => !(await read.objectStore('articles').count(id))));
    const goneIds = noted.filter((_id, i) => gone[i]);
    // A state has a `seen` exactly while its article is alive in sync's view.
    const records = await Promise.all(goneIds.map((id) => read.objectStore('syncStates').get(id)));
    const deletes = records.filter((record) => record && record.seen !== null).length;
    const alive = deletes > MASS_DELETE_FLOOR ? await read.objectStore('syncStates').index('by-seen').count() : 0;
    return { candidates: noted, deletes, alive };
  }

  /**
   * Takes every local change since the last sync into the outbox. Refuses
   * (sync-mass-delete) a run that would delete more than a tenth of what
   * sync knows, unless `allowMassDelete`.
   */
  async function collectLocal({ now, allowMassDelete = false, onQueued }: CollectOptions) {
    const read = db.transaction(['articles', 'syncStates', 'syncChanged', 'meta'], 'readonly');
    const walkedAt = (await read.objectStore('meta').get(META.walkedAt)) as number | undefined;
    // The journal, read in the same snapshot as any walk: a write after it notes its id again.
    const noted = await read.objectStore('syncChanged').getAllKeys();
    const full = walkedAt === undefined || now - walkedAt >= WALK_EVERY_MS || now < walkedAt;
    const found = full ? await walkForChanges(read, noted) : await journalChanges(read, noted);
    await read.done;
    const { candidates, deletes, alive } = found;
    if (!allowMassDelete && massDelete(deletes, alive)) {
      throw new SyncError('sync-mass-delete', `${deletes} of ${alive} synced articles are gone from this archive`);
    }
    let states = 0;
    let batches = 0;
    let corrections = 0;
    // The first transaction also takes in the reader's corrections, even when no article changed.
    for (let start = 0, first = true; first || start < candidates.length; first = false) {
      const tx = db.transaction([...STORES], 'readwrite');
      const done = tx.done;
      const stamps = stamper(await clockIn(tx), now);
      const entries = first ? (await reconcileCorrections(tx, stamps, [])).local : [];
      const deltas: ArticleState[] = [];
      const writing: Promise<unknown>[] = [];
      const all: Array<ReturnType<typeof settle>> = [];
      let chars = 0;
      const end = Math.min(start + CHUNK, candidates.length);
      // A group's reads go out together, its writes follow without a wait.
      // A tenth left free, so that the article that crosses the line still fits the batch.
      while (start < end && chars < BATCH_CHARS * 0.9) {
        const group = await readAll(tx, candidates.slice(start, Math.min(start + GROUP, end)));
        const settled: Array<ReturnType<typeof settle>> = [];
        for (const held of group) {
          if (chars >= BATCH_CHARS * 0.9) break;
          const result = settle(held, stamps, null);
          settled.push(result);
          start += 1;
          if (!result.delta) continue;
          deltas.push(result.delta);
          chars += JSON.stringify(result.delta).length;
        }
        // Sync's own records are one per article and need no wait; the archive's
        // writes share facet counts, read and written back, so a group waits for its own.
        if (settled.some((result) => result.write)) await writeAll(tx, settled);
        else writing.push(waitedLater(writeAll(tx, settled)));
        all.push(...settled);
      }
      await Promise.all(writing);
      const queued = await enqueue(tx, deltas, entries);
      // A local delete is in the last batch just queued (or in none, when nothing was to be sent).
      const lastSeq = ((await tx.objectStore('meta').get(META.seq)) as number | undefined) ?? 0;
      await noteDeaths(tx, all, [device, lastSeq]);
      await tx.objectStore('meta').put(stamps.clock, META.clock);
      await done;
      batches += queued;
      if (queued) onQueued?.();
      states += deltas.length;
      corrections += entries.length;
    }
    // Only once every change it found is taken in: a walk cut short is made again.
    if (full) await db.put('meta', now, META.walkedAt);
    return { states, batches, deletes, corrections, walked: full };
  }

  /**
   * Pure deletes among states, added to the `before` of the same device's
   * earlier batches; whether the mass-delete guard stops them, against how
   * many articles sync knows alive.
   */
  async function deletesIn(states: ArticleState[], before = 0): Promise<{ deletes: number; alive: number; tooMany: boolean }> {
    // Most batches delete nothing: no transaction for them.
    if (!states.some(isPureDelete)) return { deletes: 0, alive: 0, tooMany: false };
    const tx = db.transaction('syncStates', 'readonly');
    let deletes = 0;
    for (const remote of states) {
      if (!isPureDelete(remote)) continue;
      const record = await tx.store.get(remote.id);
      if (record && isAlive(record.state) && !isAlive(mergeStates(record.state, remote))) deletes += 1;
    }
    // A state has a `seen` exactly while its article is alive.
    const alive = deletes && before + deletes > MASS_DELETE_FLOOR ? await tx.store.index('by-seen').count() : 0;
    await tx.done;
    return { deletes, alive, tooMany: deletes > 0 && massDelete(before + deletes, alive) };
  }

  /**
   * Applies batch `seq` of `from` in parts of APPLY_CHUNK articles, each in
   * one transaction with how far it got (the cursor, once the last part is
   * in); any local change to the same articles not yet taken in is taken in
   * first (and queued), so it is merged, never overwritten.
   */
  async function applyBatch(from: string, seq: number, states: ArticleState[], now: number, corrections: CorrectionEntry[] = []): Promise<ApplyOutcome> {
    const outcome: ApplyOutcome = { applied: false, created: 0, updated: 0, deleted: 0, changed: [], corrections: 0 };
    const remotes = onePerArticle(states);
    for (;;) {
      const tx = db.transaction([...STORES], 'readwrite');
      const done = tx.done;
      const meta = tx.objectStore('meta');
      const cursors = ((await meta.get(META.cursors)) as Record<string, number> | undefined) ?? {};
      if ((cursors[from] ?? 0) >= seq) {
        await done;
        return outcome;
      }
      if ((cursors[from] ?? 0) !== seq - 1) throw new Error(`batch ${from}/${seq} arrived before batch ${(cursors[from] ?? 0) + 1}`);
      const partial = ((await meta.get(META.partial)) as Record<string, PartApplied> | undefined) ?? {};
      const start = partial[from]?.seq === seq ? partial[from].done : 0;
      const end = Math.min(start + APPLY_CHUNK, remotes.length);
      const part = remotes.slice(start, end);
      // The batch's corrections come with its first part.
      const partCorrections = start === 0 ? corrections : [];
      let clock = await clockIn(tx);
      for (const remote of part) for (const stamp of stampsOf(remote)) clock = receive(clock, stamp, now);
      for (const entry of partCorrections) clock = receive(clock, entry.stamp, now);
      const stamps = stamper(clock, now);
      // Corrections first: the articles written below take their likely securities from them.
      const taken = start === 0 ? await reconcileCorrections(tx, stamps, partCorrections) : { local: [], changed: 0 };
      const held = await readAll(tx, part.map((remote) => remote.id));
      const settled = part.map((remote, i) => settle(held[i]!, stamps, remote));
      await writeAll(tx, settled);
      await noteDeaths(tx, settled, [from, seq]);
      const deltas = settled.flatMap((result) => (result.delta ? [result.delta] : []));
      await enqueue(tx, deltas, taken.local);
      await meta.put(stamps.clock, META.clock);
      const last = end >= remotes.length;
      const { [from]: _done, ...others } = partial;
      if (last) await Promise.all([meta.put({ ...cursors, [from]: seq }, META.cursors), meta.put(others, META.partial)]);
      else await meta.put({ ...others, [from]: { seq, done: end } }, META.partial);
      await done;
      outcome.applied = true;
      outcome.corrections += taken.changed;
      for (const result of settled) {
        if (!result.changed) continue;
        outcome.changed.push(result.id);
        if (result.created) outcome.created += 1;
        else if (result.deleted) outcome.deleted += 1;
        else outcome.updated += 1;
      }
      if (last) return outcome;
    }
  }

  /** Forgets everything sync knew (disconnect, or another folder): the archive itself stays. */
  async function reset() {
    const tx = db.transaction(['syncStates', 'syncOutbox', 'syncChanged', 'meta'], 'readwrite');
    await Promise.all([
      tx.objectStore('syncStates').clear(),
      tx.objectStore('syncOutbox').clear(),
      // The next connection walks the whole archive: the journal has nothing to add.
      tx.objectStore('syncChanged').clear(),
      tx.objectStore('meta').delete(META.walkedAt),
      tx.objectStore('meta').delete(META.seq),
      tx.objectStore('meta').delete(META.cursors),
      tx.objectStore('meta').delete(META.partial),
      tx.objectStore('meta').delete(META.corrections),
      tx.objectStore('meta').delete(META.deaths),
      tx.done,
    ]);
  }

  /**
   * Takes the record and body out of the states of deleted articles whose
   * last batch every device has seen (`seenEverywhere`). A dead state keeps
   * them only for an edit made elsewhere before that device saw the delete
   * (an edit beats a concurrent delete, and an edit of tags or a note carries
   * no record); once every device has seen it, none can come. Its stamps and
   * times stay (a few hundred bytes), so that a later save of the same
   * article merges the same on every device, whether or not it has forgotten
   * yet. Returns how many states gave up their record.
   */
  async function forgetDeletedContent(others: readonly string[], seenBy: Record<string, Record<string, number>>): Promise<number> {
    const tx = db.transaction(['syncStates', 'meta'], 'readwrite');
    const done = tx.done;
    const meta = tx.objectStore('meta');
    const deaths = ((await meta.get(META.deaths)) as Deaths | undefined) ?? {};
    const due = Object.entries(deaths).filter(([, at]) => seenEverywhere(at, others, seenBy));
    if (!due.length) {
      await done;
      return 0;
    }
    const states = tx.objectStore('syncStates');
    const records = await Promise.all(due.map(([id]) => states.get(id)));
    let forgotten = 0;
    const writes = due.map(([id], i) => {
      delete deaths[id];
      const record = records[i];
      if (!record || isAlive(record.state) || !record.state.content) return undefined;
      forgotten += 1;
      return states.put({ ...record, state: { ...record.state, content: null } });
    });
    await Promise.all([...writes, meta.put(deaths, META.deaths)]);
    await done;
    return forgotten;
  }

  return {
    device,

    /** Takes the record and body out of the states of deleted articles every device has seen deleted. */
    forgetDeletedContent: (others: readonly string[], seenBy: Record<string, Record<string, number>>) =>
      writing(() => forgetDeletedContent(others, seenBy)),

    /** The dead states that still hold their record, with the batch that last touched each. */
    async deaths(): Promise<Deaths> {
      return ((await db.get('meta', META.deaths)) as Deaths | undefined) ?? {};
    },

    /**
     * Takes every local change since the last sync into the outbox. Refuses
     * (sync-mass-delete) a run that would delete more than a tenth of what
     * sync knows, unless `allowMassDelete`.
     */
    collectLocal: (options: CollectOptions) => writing(() => collectLocal(options)),

    /** The batches waiting to be uploaded, oldest first. */
    outbox: () => db.getAll('syncOutbox'),

    /** The oldest batch waiting to be uploaded: one at a time, as a first sync queues a few hundred megabytes. */
    async nextOutbox() {
      const [batch] = await db.getAll('syncOutbox', null, 1);
      return batch;
    },

    uploaded: (seq: number) => writing(() => db.delete('syncOutbox', seq)),

    /** The number of this device's last batch (0 before the first). */
    async lastSeq(): Promise<number> {
      return ((await db.get('meta', META.seq)) as number | undefined) ?? 0;
    },

    async cursors(): Promise<Record<string, number>> {
      return ((await db.get('meta', META.cursors)) as Record<string, number> | undefined) ?? {};
    },

    deletesIn,

    applyBatch: (from: string, seq: number, states: ArticleState[], now: number, corrections: CorrectionEntry[] = []) =>
      writingArticles(() => applyBatch(from, seq, states, now, corrections)),

    /** Forgets everything sync knew (disconnect, or another folder): the archive itself stays. */
    reset: () => writing(reset),
  };
}

export type ArchiveSyncStore = ReturnType<typeof createArchiveSyncStore>;
