/**
 * The archive's integrity check: the articles are the truth, and everything
 * else (bodies without an article, facet counts, the search index and its
 * bookkeeping in meta) is checked against them; what disagrees is rebuilt
 * from the articles, and the report says what was fixed.
 *
 * It reads in many short read-only transactions, so saves go on while it
 * runs, and repairs in one short transaction at the end that looks again at
 * each thing it is about to fix: what a save changed meanwhile is left alone.
 * Articles whose index entries are wrong are put back in the indexing queue
 * (their old doc number dead), so the indexer that runs after the check
 * writes them again; the check itself never writes postings.
 *
 * Run it while the indexer is paused (the background does): an index batch
 * written between the two halves of the reading would look like damage, and
 * its articles would be indexed twice (never lost).
 */
import type { ArticleBody, ArticleListing } from '../article-model';
import { tokenMasks } from '../search/search-fields';
import { facetDeltas } from './facets';
import {
  fingerprintOf, IndexFingerprints, isWholePosting, isWholePrints, isWholeSegment, printsGroup, printsIn, PRINTS_RANGE, storePrints,
  type Fingerprint,
} from './index-fingerprint';
import type { ArchiveDb, Facet, FacetType } from './schema';
import { BLOCK_SIZE } from './search-index';
import { storeChunks, storeKeys } from './store-chunks';

/** What the check found and put right; all zero and empty when the archive was whole. */
export interface IntegrityReport {
  /** Articles checked. */
  articles: number;
  /** Bodies whose article is gone, removed. */
  orphanBodies: number;
  /** Articles whose body was gone: given an empty one, so that they open, and re-indexed. */
  missingBodies: number;
  /** Facet counts (security, kind, source, tag) added, corrected or removed. */
  facetsFixed: number;
  /** Articles queued to be indexed again: index entries missing, wrong or dead, or never queued. */
  reindexed: number;
  /** Doc numbers in the index that belong to no article, marked dead so searches skip them. */
  orphanDocs: number;
  /** Index records that could not be read, removed (their articles are re-indexed). */
  badIndexRecords: number;
  /** The index bookkeeping entries (meta keys) that were wrong and were set right. */
  metaFixed: string[];
  /** Articles that could not be read at all, left as they are. */
  unreadable: number;
}

/** The last check, as the background keeps it (extension storage, LAST_CHECK_KEY) for the settings page. */
export interface LastCheck {
  at: number;
  /** start-up: after the background stopped during a write; asked: from the settings page. */
  reason: 'start-up' | 'asked';
  report: IntegrityReport;
}

export const LAST_CHECK_KEY = 'archiveCheck';

/** Did the check change anything? */
export function fixedAnything(report: IntegrityReport): boolean {
  return (
    report.orphanBodies + report.missingBodies + report.facetsFixed + report.reindexed + report.orphanDocs + report.badIndexRecords > 0 ||
    report.metaFixed.length > 0
  );
}

/** Records a read-only transaction takes: short, so a save waits for little. */
const CHUNK = 500;

const facetKey = (type: FacetType, value: string) => `${type}\u0000${value}`;
const isDocNo = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 1;

/** Adds a listing's facets to the counts the articles call for. */
function countInto(counts: Map<string, Facet>, listing: ArticleListing): void {
  let deltas: Facet[];
  try {
    deltas = facetDeltas(undefined, listing);
  } catch {
    return;
  }
  for (const facet of deltas) {
    const key = facetKey(facet.type, facet.value);
    const known = counts.get(key);
    counts.set(key, { ...facet, count: (known?.count ?? 0) + facet.count });
  }
}

/** Facet counts as the articles say they should be. */
function countFacets(listings: Iterable<ArticleListing>): Map<string, Facet> {
  const counts = new Map<string, Facet>();
  for (const listing of listings) countInto(counts, listing);
  return counts;
}

function facetsDiffer(expected: Map<string, Facet>, stored: Facet[]): number {
  let differ = 0;
  const seen = new Set<string>();
  for (const facet of stored) {
    const key = facetKey(facet.type, facet.value);
    seen.add(key);
    if (expected.get(key)?.count !== facet.count) differ += 1;
  }
  for (const key of expected.keys()) if (!seen.has(key)) differ += 1;
  return differ;
}

interface IndexScan {
  fingerprints: IndexFingerprints;
  badPostings: IDBValidKey[];
  badSegments: IDBValidKey[];
  /** The lowest block that still has segments. */
  lowestSegmentBlock: number | null;
  highestDoc: number;
}

/** Reads every postings and segments record, a chunk per transaction. */
async function scanIndex(db: ArchiveDb): Promise<IndexScan> {
  const scan: IndexScan = { fingerprints: new IndexFingerprints(), badPostings: [], badSegments: [], lowestSegmentBlock: null, highestDoc: 0 };
  for await (const { keys, values } of storeChunks(db, 'postings', { count: CHUNK })) {
    keys.forEach((key, i) => {
      const value: unknown = values[i];
      if (!isWholePosting(value)) return void scan.badPostings.push(key);
      scan.fingerprints.addPosting(value);
      for (const doc of value.docs) if (doc > scan.highestDoc) scan.highestDoc = doc;
    });
  }
  for await (const { keys, values } of storeChunks(db, 'segments', { count: CHUNK })) {
    keys.forEach((key, i) => {
      const value: unknown = values[i];
      if (!isWholeSegment(value)) return void scan.badSegments.push(key);
      scan.fingerprints.addSegment(value);
      for (const doc of value.docs) if (doc > scan.highestDoc) scan.highestDoc = doc;
      const block = Math.floor(value.start / BLOCK_SIZE);
      scan.lowestSegmentBlock = Math.min(scan.lowestSegmentBlock ?? block, block);
    });
  }
  return scan;
}

/** The fingerprints the indexer kept (lib/archive/index-fingerprint.ts), and the records that cannot be read. */
async function readPrints(db: ArchiveDb): Promise<{ byDoc: Map<number, Fingerprint>; bad: string[] }> {
  const byDoc = new Map<number, Fingerprint>();
  const bad: string[] = [];
  for await (const { keys, values } of storeChunks(db, 'meta', { count: CHUNK, range: PRINTS_RANGE })) {
    keys.forEach((key, i) => {
      const group = printsGroup(String(key));
      const value = values[i];
      if (group === null || !isWholePrints(value)) bad.push(String(key));
      else printsIn(group, value, byDoc);
    });
  }
  return { byDoc, bad };
}

const samePrint = (a: Fingerprint | undefined, b: Fingerprint | undefined) => a !== undefined && b !== undefined && a.tokens === b.tokens && a.sum === b.sum;

/**
 * Whether an article goes back into the indexing queue. When the print the
 * indexer kept matches the index, the article is not read again; otherwise
 * its tokens are (`tokenized`), and a kept print that was wrong or missing
 * while the index is right is noted in `prints` to be written.
 */
function needsIndexing(
  listing: ArticleListing,
  tokenized: () => Fingerprint,
  scan: IndexScan,
  dead: Set<number>,
  kept: Map<number, Fingerprint>,
  prints: { fix: Array<[number, Fingerprint]>; wrong: boolean },
): boolean {
  if (listing.pending === 1) return false; // the indexer will write it
  if (!isDocNo(listing.docNo)) return true; // neither indexed nor queued: it would never be found
  if (dead.has(listing.docNo)) return true; // indexed under a number searches skip
  const stored = scan.fingerprints.get(listing.docNo);
  const print = kept.get(listing.docNo);
  if (samePrint(stored, print)) return false;
  const expected = tokenized();
  if (!samePrint(stored, expected)) return true;
  // The index is right and its print was not: kept again (written for the first time in an archive indexed before prints were kept).
  prints.fix.push([listing.docNo, expected]);
  if (print) prints.wrong = true;
  return false;
}

/**
 * Checks the archive and repairs what disagrees with its articles. After it,
 * run the indexer (indexPending until it returns 0) to re-index the articles
 * it queued.
 */
export async function checkArchive(db: ArchiveDb): Promise<IntegrityReport> {
  const report: IntegrityReport = {
    articles: 0, orphanBodies: 0, missingBodies: 0, facetsFixed: 0, reindexed: 0, orphanDocs: 0, badIndexRecords: 0, metaFixed: [], unreadable: 0,
  };

  const metaRead = db.transaction('meta', 'readonly');
  const [storedDead, storedNext, storedSealed, storedOpen] = await Promise.all([
    metaRead.store.get('dead'),
    metaRead.store.get('nextDocNo'),
    metaRead.store.get('sealed'),
    metaRead.store.get('openSegments'),
    metaRead.done,
  ]);
  const deadIsWhole = Array.isArray(storedDead) && storedDead.every((doc) => Number.isSafeInteger(doc));
  const dead = new Set<number>(deadIsWhole ? (storedDead as number[]) : []);

  const scan = await scanIndex(db);
  const kept = await readPrints(db);
  const prints = { fix: [] as Array<[number, Fingerprint]>, wrong: false };

  // Which articles have a body, by key, read first: an article saved after
  // this read looks as if it had none, and the repair, looking again, leaves it.
  const bodyKeys = (await storeKeys(db, 'bodies')) as string[];
  const withBody = new Set(bodyKeys);

  // The articles, a chunk per transaction. Ids and counts only are kept:
  // 50,000 listings need not sit in memory at once.
  const ids = new Set<string>();
  const expectedFacets = new Map<string, Facet>();
  const toIndex = new Map<string, ArticleListing>();
  const liveDocs = new Set<number>();
  let highestDoc = scan.highestDoc;
  for await (const { values } of storeChunks(db, 'articles', { count: CHUNK })) {
    const chunk = values as ArticleListing[];
    // Only those whose print does not match the index are read whole, and tokenized.
    const unmatched = chunk.filter((listing) => {
      const docNo = listing.docNo;
      return withBody.has(listing.id) && listing.pending !== 1 && isDocNo(docNo) && !dead.has(docNo) &&
        !samePrint(scan.fingerprints.get(docNo), kept.byDoc.get(docNo));
    });
    const bodies = new Map<string, ArticleBody>();
    if (unmatched.length) {
      const read = db.transaction('bodies', 'readonly');
      const found = await Promise.all([...unmatched.map((listing) => read.store.get(listing.id)), read.done]);
      for (const body of found) if (body) bodies.set(body.id, body);
    }
    for (const listing of chunk) {
      report.articles += 1;
      ids.add(listing.id);
      countInto(expectedFacets, listing);
      if (isDocNo(listing.docNo)) {
        liveDocs.add(listing.docNo);
        highestDoc = Math.max(highestDoc, listing.docNo);
      }
      const tokenized = () => fingerprintOf(tokenMasks({ ...listing, bodyText: bodies.get(listing.id)?.bodyText ?? '' }));
      try {
        if (!withBody.has(listing.id) || needsIndexing(listing, tokenized, scan, dead, kept.byDoc, prints)) toIndex.set(listing.id, listing);
      } catch {
        report.unreadable += 1;
      }
    }
  }
  const orphanBodies = bodyKeys.filter((id) => !ids.has(id));
  for (const doc of dead) highestDoc = Math.max(highestDoc, doc);

  // Doc numbers the index holds that no article has: searches would count them.
  const orphanDocs = scan.fingerprints.docs().filter((doc) => !liveDocs.has(doc) && !dead.has(doc));

  const facetRead = db.transaction('facets', 'readonly');
  const [storedFacets] = await Promise.all([facetRead.store.getAll(), facetRead.done]);
  const facetsWrong = facetsDiffer(expectedFacets, storedFacets) > 0;

  // The bookkeeping the indexer relies on.
  const metaWrites = new Map<string, unknown>();
  const metaDeletes: string[] = [];
  const wrongMeta = new Set<string>();
  const wantNext = highestDoc + 1;
  if (storedNext !== undefined || highestDoc > 0) {
    if (!isDocNo(storedNext) || storedNext < wantNext) {
      metaWrites.set('nextDocNo', Math.max(wantNext, 1));
      wrongMeta.add('nextDocNo');
    }
  }
  const next = (metaWrites.get('nextDocNo') as number | undefined) ?? (isDocNo(storedNext) ? storedNext : 1);
  const sealedIsWhole = Number.isSafeInteger(storedSealed) && (storedSealed as number) >= 0;
  if (storedSealed !== undefined || scan.lowestSegmentBlock !== null) {
    // Blocks below `sealed` must have no segments left, or they would never be folded.
    const highestAllowed = Math.min(scan.lowestSegmentBlock ?? Infinity, Math.floor(next / BLOCK_SIZE));
    if (!sealedIsWhole || (storedSealed as number) > highestAllowed) {
      metaWrites.set('sealed', highestAllowed);
      wrongMeta.add('sealed');
    }
  }
  const open = storedOpen as { start?: unknown; articles?: unknown } | undefined;
  if (open !== undefined && !(typeof open === 'object' && open !== null && isDocNo(open.start) && Number.isSafeInteger(open.articles))) {
    metaDeletes.push('openSegments');
    wrongMeta.add('openSegments');
  }
  if (storedDead !== undefined && !deadIsWhole) {
    metaWrites.set('dead', []);
    wrongMeta.add('dead');
  }
  if (prints.wrong || kept.bad.length) wrongMeta.add('docPrints');

  const nothingToDo =
    !toIndex.size && !orphanBodies.length && !orphanDocs.length && !facetsWrong && !metaWrites.size && !metaDeletes.length &&
    !scan.badPostings.length && !scan.badSegments.length && !prints.fix.length && !kept.bad.length;
  if (nothingToDo) return report;

  // One transaction for every repair, each looked at again first.
  const tx = db.transaction(['articles', 'bodies', 'facets', 'meta', 'postings', 'segments'], 'readwrite');
  const articles = tx.objectStore('articles');
  const bodiesStore = tx.objectStore('bodies');
  const meta = tx.objectStore('meta');
  const newlyDead: number[] = [];
  const writes: Array<Promise<unknown>> = [];

  for (const id of orphanBodies) {
    writes.push(
      articles.getKey(id).then((key) => {
        if (key !== undefined) return;
        report.orphanBodies += 1;
        return bodiesStore.delete(id);
      }),
    );
  }
  for (const [id, seen] of toIndex) {
    writes.push(
      Promise.all([articles.get(id), bodiesStore.getKey(id)]).then(([now, bodyKey]) => {
        // Saved, annotated or deleted meanwhile: that write queued it already.
        if (!now || JSON.stringify(now) !== JSON.stringify(seen)) return;
        const puts: Array<Promise<unknown>> = [];
        if (bodyKey === undefined) {
          report.missingBodies += 1;
          puts.push(bodiesStore.put({ id, bodyText: '', bodyHtml: '' }));
        }
        if (now.pending !== 1 || isDocNo(now.docNo)) {
          const queued: ArticleListing = { ...now, pending: 1 };
          if (isDocNo(now.docNo)) newlyDead.push(now.docNo);
          delete queued.docNo;
          report.reindexed += 1;
          puts.push(articles.put(queued));
        }
        return Promise.all(puts);
      }),
    );
  }
  for (const doc of orphanDocs) {
    writes.push(
      articles.index('by-docno').getKey(doc).then((owner) => {
        if (owner !== undefined) return;
        report.orphanDocs += 1;
        newlyDead.push(doc);
      }),
    );
  }
  for (const key of scan.badPostings) writes.push(tx.objectStore('postings').delete(key as [string, number]));
  for (const key of scan.badSegments) writes.push(tx.objectStore('segments').delete(key as [number, number]));
  report.badIndexRecords = scan.badPostings.length + scan.badSegments.length;

  if (facetsWrong) {
    // Counted again inside this transaction, from the articles as they are now.
    writes.push(
      Promise.all([articles.getAll(), tx.objectStore('facets').getAll()]).then(async ([all, stored]) => {
        const expected = countFacets(all);
        const facets = tx.objectStore('facets');
        const fixes: Array<Promise<unknown>> = [];
        const seen = new Set<string>();
        for (const facet of stored) {
          const key = facetKey(facet.type, facet.value);
          seen.add(key);
          const want = expected.get(key);
          if (!want) fixes.push(facets.delete([facet.type, facet.value]));
          else if (want.count !== facet.count) fixes.push(facets.put({ ...want, ...facet, count: want.count }));
        }
        for (const [key, facet] of expected) if (!seen.has(key)) fixes.push(facets.put(facet));
        report.facetsFixed = fixes.length;
        await Promise.all(fixes);
      }),
    );
  }

  await Promise.all(writes);
  // Unreadable print records go; the prints of the right index entries are written (into new records where those were).
  await Promise.all(kept.bad.map((key) => meta.delete(key)));
  if (prints.fix.length) await storePrints(meta, prints.fix);
  // The index bookkeeping last, with whatever doc numbers the repairs made dead.
  const [deadNow, nextNow] = await Promise.all([meta.get('dead'), meta.get('nextDocNo')]);
  if (newlyDead.length || metaWrites.has('dead')) {
    const base = metaWrites.has('dead') || !Array.isArray(deadNow) ? [] : (deadNow as number[]);
    const known = new Set(base);
    metaWrites.set('dead', base.concat(newlyDead.filter((doc) => !known.has(doc))));
  }
  if (metaWrites.has('nextDocNo') && isDocNo(nextNow)) {
    metaWrites.set('nextDocNo', Math.max(nextNow, metaWrites.get('nextDocNo') as number));
  }
  await Promise.all([
    ...[...metaWrites].map(([key, value]) => meta.put(value, key)),
    ...metaDeletes.map((key) => meta.delete(key)),
    tx.done,
  ]);
  report.metaFixed = [...wrongMeta].sort();
  return report;
}
