/**
 * Sync's side of the archive: taking local changes into the outbox, and
 * applying a downloaded batch, each in one IndexedDB transaction with the
 * records it moves (states, outbox, clock, cursor), so an interrupted sync
 * resumes where it stopped and never applies a batch twice or half.
 */
import type { IDBPTransaction } from 'idb';
import type { ArchivedArticle, ArticleListing } from '../article-model';
import { writeArchivedInTx } from '../archive/articles';
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

const STORES = ['articles', 'bodies', 'facets', 'meta', 'syncStates', 'syncOutbox'] as const;
type SyncTx = IDBPTransaction<ArchiveSchema, (typeof STORES)[number][], 'readwrite'>;

const META = { clock: 'syncClock', seq: 'syncSeq', cursors: 'syncCursors', corrections: 'syncCorrections' } as const;

/**
 * How many articles one transaction of collectLocal takes in at most; it
 * stops sooner once its changes fill a batch (BATCH_CHARS), so that each
 * transaction queues one full batch: a first sync of 50,000 articles is then
 * some 150 uploads, not one per 200 articles.
 */
const CHUNK = 500;

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

/** Runs one write of the archive (the background's write marker around it, lib/archive/write-marker.ts). */
export type Writing = <T>(write: () => Promise<T>) => Promise<T>;
const direct: Writing = (write) => write();

export function createArchiveSyncStore(db: ArchiveDb, device: string, writing: Writing = direct) {
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

  /**
   * Takes one article's local change (if any) into its state; writes the
   * merged view back when it differs from the archive (a remote change, or
   * the clock's order); returns the delta to upload.
   */
  async function reconcile(tx: SyncTx, id: string, stamps: ReturnType<typeof stamper>, remote: ArticleState | null) {
    const [listing, body, record] = await Promise.all([
      tx.objectStore('articles').get(id),
      tx.objectStore('bodies').get(id),
      tx.objectStore('syncStates').get(id),
    ]);
    const local = archivedOf(listing, body);
    const before: SyncStateRecord = record ?? { id, state: emptyState(id), seen: null };
    const untouched = (local?.updatedAt ?? null) === before.seen && (local !== undefined) === isAlive(before.state);
    const delta = untouched ? null : deltaOf(before.state, local, stamps);
    let state = delta ? mergeStates(before.state, delta) : before.state;
    if (remote) state = mergeStates(state, remote);
    const view = viewOf(state);
    const changed = !sameArticle(view, local);
    if (changed) await writeArchivedInTx(tx, id, view);
    if (delta || remote || !record) await tx.objectStore('syncStates').put({ id, state, seen: view?.updatedAt ?? null });
    return { delta, changed, created: changed && !local && !!view, deleted: changed && !!local && !view };
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
   * Takes every local change since the last sync into the outbox. Refuses
   * (sync-mass-delete) a run that would delete more than a tenth of what
   * sync knows, unless `allowMassDelete`.
   */
  async function collectLocal({ now, allowMassDelete = false }: { now: number; allowMassDelete?: boolean }) {
    // Index keys only (when each article changed, when sync took it in): the records and states stay unread.
    const read = db.transaction(['articles', 'syncStates'], 'readonly');
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
    await read.done;
    // Articles sync has not seen yet (or saw deleted), oldest change first.
    candidates.push(...[...current.entries()].sort((a, b) => a[1] - b[1] || 0).map(([id]) => id));
    if (!allowMassDelete && deletes > 5 && deletes > alive / 10) {
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
      let chars = 0;
      const end = Math.min(start + CHUNK, candidates.length);
      // A tenth left free, so that the article that crosses the line still fits the batch.
      while (start < end && chars < BATCH_CHARS * 0.9) {
        const { delta } = await reconcile(tx, candidates[start]!, stamps, null);
        start += 1;
        if (!delta) continue;
        deltas.push(delta);
        chars += JSON.stringify(delta).length;
      }
      batches += await enqueue(tx, deltas, entries);
      await tx.objectStore('meta').put(stamps.clock, META.clock);
      await done;
      states += deltas.length;
      corrections += entries.length;
    }
    return { states, batches, deletes, corrections };
  }

  /** Pure deletes among states, against how many articles sync knows alive: for the mass-delete guard. */
  async function deletesIn(states: ArticleState[]): Promise<{ deletes: number; alive: number }> {
    // Most batches delete nothing: no transaction for them.
    if (!states.some(isPureDelete)) return { deletes: 0, alive: 0 };
    const tx = db.transaction('syncStates', 'readonly');
    // A state has a `seen` exactly while its article is alive.
    const alive = await tx.store.index('by-seen').count();
    let deletes = 0;
    for (const remote of states) {
      if (!isPureDelete(remote)) continue;
      const record = await tx.store.get(remote.id);
      if (record && isAlive(record.state) && !isAlive(mergeStates(record.state, remote))) deletes += 1;
    }
    await tx.done;
    return { deletes, alive };
  }

  /**
   * Applies batch `seq` of `from`, with its cursor, in one transaction;
   * any local change to the same articles not yet taken in is taken in
   * first (and queued), so it is merged, never overwritten.
   */
  async function applyBatch(from: string, seq: number, states: ArticleState[], now: number, corrections: CorrectionEntry[] = []): Promise<ApplyOutcome> {
    const tx = db.transaction([...STORES], 'readwrite');
    const done = tx.done;
    const outcome: ApplyOutcome = { applied: false, created: 0, updated: 0, deleted: 0, changed: [], corrections: 0 };
    const meta = tx.objectStore('meta');
    const cursors = ((await meta.get(META.cursors)) as Record<string, number> | undefined) ?? {};
    if ((cursors[from] ?? 0) >= seq) {
      await done;
      return outcome;
    }
    if ((cursors[from] ?? 0) !== seq - 1) throw new Error(`batch ${from}/${seq} arrived before batch ${(cursors[from] ?? 0) + 1}`);
    let clock = await clockIn(tx);
    for (const remote of states) for (const stamp of stampsOf(remote)) clock = receive(clock, stamp, now);
    for (const entry of corrections) clock = receive(clock, entry.stamp, now);
    const stamps = stamper(clock, now);
    // Corrections first: the articles written below take their likely securities from them.
    const taken = await reconcileCorrections(tx, stamps, corrections);
    outcome.corrections = taken.changed;
    const deltas: ArticleState[] = [];
    for (const remote of states) {
      const result = await reconcile(tx, remote.id, stamps, remote);
      if (result.delta) deltas.push(result.delta);
      if (result.changed) {
        outcome.changed.push(remote.id);
        if (result.created) outcome.created += 1;
        else if (result.deleted) outcome.deleted += 1;
        else outcome.updated += 1;
      }
    }
    await enqueue(tx, deltas, taken.local);
    await meta.put(stamps.clock, META.clock);
    await meta.put({ ...cursors, [from]: seq }, META.cursors);
    await done;
    outcome.applied = true;
    return outcome;
  }

  /** Forgets everything sync knew (disconnect, or another folder): the archive itself stays. */
  async function reset() {
    const tx = db.transaction(['syncStates', 'syncOutbox', 'meta'], 'readwrite');
    await Promise.all([
      tx.objectStore('syncStates').clear(),
      tx.objectStore('syncOutbox').clear(),
      tx.objectStore('meta').delete(META.seq),
      tx.objectStore('meta').delete(META.cursors),
      tx.objectStore('meta').delete(META.corrections),
      tx.done,
    ]);
  }

  return {
    device,

    /**
     * Takes every local change since the last sync into the outbox. Refuses
     * (sync-mass-delete) a run that would delete more than a tenth of what
     * sync knows, unless `allowMassDelete`.
     */
    collectLocal: (options: { now: number; allowMassDelete?: boolean }) => writing(() => collectLocal(options)),

    /** The batches waiting to be uploaded, oldest first. */
    outbox: () => db.getAll('syncOutbox'),

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
      writing(() => applyBatch(from, seq, states, now, corrections)),

    /** Forgets everything sync knew (disconnect, or another folder): the archive itself stays. */
    reset: () => writing(reset),
  };
}

export type ArchiveSyncStore = ReturnType<typeof createArchiveSyncStore>;
