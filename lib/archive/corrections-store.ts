/**
 * The reader's corrections in the archive, and what they change: each
 * article's likely securities and the likely counts. A correction and the
 * listings it changes are written in one transaction, so the counts never
 * disagree with the corrections, whenever the browser stops.
 */
import type { ArticleListing } from '../article-model';
import {
  concerns,
  correctionKey,
  likelySecids,
  mergeCorrections,
  type Correction,
  type Corrections,
} from '../relevance/corrections';
import { rejudgeMentions, relevanceChanged } from '../relevance/mention-relevance';
import { applyFacetDeltas, facetDeltas } from './facets';
import type { ArchiveDb } from './schema';
import { allOrNothing } from './articles';
import { writeStoresOf, type WriteTx } from './schema';

import { CORRECTIONS_KEY as KEY, readCorrections } from './corrections-meta';

export async function listCorrections(db: ArchiveDb): Promise<Corrections> {
  return readCorrections(db.transaction('meta').store);
}

/** A listing with its likely securities worked out again; the same object when nothing changed. */
function relisted(listing: ArticleListing, corrections: Corrections): ArticleListing {
  const likely = likelySecids(listing.mentions, listing.id, corrections);
  const before = listing.likelySecids ?? listing.secids;
  if (likely.length === before.length && likely.every((secid, i) => secid === before[i])) return listing;
  return { ...listing, likelySecids: likely };
}

/** Writes the listings of `secids`' articles that `changed` concerns, with their new likely securities. */
async function relistConcerned(tx: WriteTx, corrections: Corrections, changed: Correction[]): Promise<number> {
  const articles = tx.objectStore('articles');
  const facets = tx.objectStore('facets');
  const seen = new Set<string>();
  let relistedCount = 0;
  for (const secid of new Set(changed.map((correction) => correction.secid))) {
    for (const listing of await articles.index('by-secid').getAll(secid)) {
      if (seen.has(listing.id) || !changed.some((correction) => concerns(correction, listing.id, listing.mentions))) continue;
      seen.add(listing.id);
      const after = relisted(listing, corrections);
      if (after === listing) continue;
      relistedCount += 1;
      await articles.put(after);
      await applyFacetDeltas(facets, facetDeltas(listing, after));
    }
  }
  return relistedCount;
}

export type CorrectionChange =
  | { set: Omit<Correction, 'at'> }
  /** Back to what the rules say. */
  | { clear: Pick<Correction, 'secid' | 'name' | 'articleId'> };

/** Sets or clears one correction and updates the articles it concerns. */
export async function changeCorrection(db: ArchiveDb, change: CorrectionChange, now = Date.now()): Promise<Corrections> {
  const tx = db.transaction(writeStoresOf(db), 'readwrite');
  let result: Corrections = {};
  await allOrNothing(tx, [
    async () => {
      const meta = tx.objectStore('meta');
      const corrections = await readCorrections(meta);
      const subject = 'set' in change ? change.set : change.clear;
      const key = correctionKey(subject);
      const before = corrections[key];
      if ('set' in change) corrections[key] = { ...change.set, at: now };
      else delete corrections[key];
      await meta.put(corrections, KEY);
      const touched = [corrections[key], before].filter((c): c is Correction => c !== undefined);
      await relistConcerned(tx, corrections, touched);
      result = corrections;
    },
  ]);
  return result;
}

/**
 * For a part that writes corrections inside a transaction of its own (sync,
 * which keeps its records in the same transaction): puts `corrections` as the
 * archive's and updates the articles `changed` concerns. `tx` spans at least
 * articles, facets and meta.
 */
export async function putCorrectionsInTx(tx: WriteTx, corrections: Corrections, changed: Correction[]): Promise<void> {
  await tx.objectStore('meta').put(corrections, KEY);
  await relistConcerned(tx, corrections, changed);
}

/** Corrections from an export file joined with the archive's own (the later of two wins), in one transaction. */
export async function importCorrections(db: ArchiveDb, incoming: Corrections): Promise<number> {
  const tx = db.transaction(writeStoresOf(db), 'readwrite');
  let added = 0;
  await allOrNothing(tx, [
    async () => {
      const meta = tx.objectStore('meta');
      const ours = await readCorrections(meta);
      const merged = mergeCorrections(ours, incoming);
      const changed = Object.keys(merged)
        .filter((key) => merged[key] !== ours[key])
        .map((key) => merged[key]!);
      added = changed.length;
      if (!added) return;
      await meta.put(merged, KEY);
      await relistConcerned(tx, merged, changed);
    },
  ]);
  return added;
}

/**
 * Every archived article judged again by today's rules from its kept marks,
 * a batch of articles a transaction so saves go on meanwhile. Returns how many
 * articles were looked at and how many changed.
 */
export async function rejudgeArchive(db: ArchiveDb, batch = 200): Promise<{ checked: number; changed: number }> {
  let after: string | null = null;
  let checked = 0;
  let changed = 0;
  for (;;) {
    const tx = db.transaction(writeStoresOf(db), 'readwrite');
    let last: string | null = null;
    await allOrNothing(tx, [
      async () => {
        const corrections = await readCorrections(tx.objectStore('meta'));
        const articles = tx.objectStore('articles');
        const range = after === null ? null : IDBKeyRange.lowerBound(after, true);
        for (let cursor = await articles.openCursor(range), n = 0; cursor && n < batch; cursor = await cursor.continue(), n += 1) {
          const listing = cursor.value;
          last = listing.id;
          checked += 1;
          const mentions = rejudgeMentions(listing.mentions);
          if (!relevanceChanged(listing.mentions, mentions)) continue;
          const written = { ...listing, mentions, likelySecids: likelySecids(mentions, listing.id, corrections) };
          changed += 1;
          await cursor.update(written);
          await applyFacetDeltas(tx.objectStore('facets'), facetDeltas(listing, written));
        }
      },
    ]);
    if (last === null) return { checked, changed };
    after = last;
  }
}
