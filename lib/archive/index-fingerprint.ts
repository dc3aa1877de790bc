/**
 * A fingerprint of what the search index holds for one doc number: how many
 * tokens it has and an order-independent hash of each token with its field
 * mask. Built once from the article (what the indexer would write) and once
 * from the stored postings and segments, it tells whether the index holds
 * exactly that article, without keeping the whole index in memory: an
 * integrity check over 50,000 articles keeps two numbers a document.
 */
import { isCount, isStoredMasks, isStoredNumbers } from './posting-arrays';
import type { Posting, Segment } from './schema';

export interface Fingerprint {
  tokens: number;
  /** Sum (mod 2^32) of each token's hash mixed with its mask. */
  sum: number;
}

/** FNV-1a over the UTF-16 units: the token's part, the same for each of its doc numbers. */
function tokenBase(token: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < token.length; i += 1) h = Math.imul(h ^ token.charCodeAt(i), 0x01000193);
  return h;
}

/** The token's part mixed with the mask, then a final mix so that nearby tokens spread. */
function withMask(base: number, mask: number): number {
  let h = Math.imul(base ^ Math.imul(mask + 1, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** The fingerprint the indexer's tokens for an article give. */
export function fingerprintOf(masks: Map<string, number>): Fingerprint {
  let sum = 0;
  for (const [token, mask] of masks) sum = (sum + withMask(tokenBase(token), mask)) >>> 0;
  return { tokens: masks.size, sum };
}

/**
 * Doc numbers below this are counted in flat arrays (an index scan adds to
 * them millions of times); the index hands out doc numbers one after another,
 * so only a garbled record has one above it, and those go in a map.
 */
const DENSE_DOCS = 1 << 24;

/** Fingerprints per doc number, added to as index records are read. */
export class IndexFingerprints {
  private tokens = new Uint32Array(1024);
  private sums = new Uint32Array(1024);
  private readonly far = new Map<number, Fingerprint>();

  private add(doc: number, hash: number): void {
    if (doc < DENSE_DOCS) {
      if (doc >= this.tokens.length) this.grow(doc);
      this.tokens[doc] = this.tokens[doc]! + 1;
      // A Uint32Array keeps the sum mod 2^32 by itself.
      this.sums[doc] = this.sums[doc]! + hash;
      return;
    }
    const known = this.far.get(doc);
    if (known) {
      known.tokens += 1;
      known.sum = (known.sum + hash) >>> 0;
    } else this.far.set(doc, { tokens: 1, sum: hash });
  }

  private grow(doc: number): void {
    const size = Math.min(DENSE_DOCS, Math.max(doc + 1, this.tokens.length * 2));
    const tokens = new Uint32Array(size);
    const sums = new Uint32Array(size);
    tokens.set(this.tokens);
    sums.set(this.sums);
    this.tokens = tokens;
    this.sums = sums;
  }

  /** What the index holds for this doc number; undefined when it holds nothing. */
  get(doc: number): Fingerprint | undefined {
    if (doc >= DENSE_DOCS) return this.far.get(doc);
    const tokens = doc < this.tokens.length ? this.tokens[doc]! : 0;
    return tokens > 0 ? { tokens, sum: this.sums[doc]! } : undefined;
  }

  /** Every doc number the index holds something for. */
  docs(): number[] {
    const docs: number[] = [];
    this.tokens.forEach((tokens, doc) => {
      if (tokens > 0) docs.push(doc);
    });
    return [...docs, ...this.far.keys()];
  }

  addPosting(posting: Posting): void {
    const base = tokenBase(posting.token);
    const { docs, masks } = posting;
    for (let i = 0; i < docs.length; i += 1) this.add(docs[i]!, withMask(base, masks[i]!));
  }

  addSegment(segment: Segment): void {
    let from = 0;
    segment.tokens.forEach((token, i) => {
      const to = segment.ends[i]!;
      const base = tokenBase(token);
      for (let j = from; j < to; j += 1) this.add(segment.docs[j]!, withMask(base, segment.masks[j]!));
      from = to;
    });
  }
}


/** Can this posting record be read as the index writes them? */
export function isWholePosting(value: unknown): value is Posting {
  const posting = value as Partial<Posting> | null;
  return (
    typeof posting === 'object' && posting !== null &&
    typeof posting.token === 'string' && isCount(posting.block) &&
    isStoredNumbers(posting.docs) && isStoredMasks(posting.masks) && posting.docs.length === posting.masks.length
  );
}

/** Can this segment be read as the index writes them? */
export function isWholeSegment(value: unknown): value is Segment {
  const segment = value as Partial<Segment> | null;
  if (typeof segment !== 'object' || segment === null) return false;
  const { shard, start, tokens, ends, docs, masks } = segment;
  if (!isCount(shard) || !isCount(start) || !isStoredNumbers(docs) || !isStoredMasks(masks) || docs.length !== masks.length) return false;
  if (!Array.isArray(tokens) || !tokens.every((token) => typeof token === 'string') || !isStoredNumbers(ends)) return false;
  if (ends.length !== tokens.length) return false;
  // Each token's run ends after the last one's, and the last ends at the end of the lists.
  for (let i = 1; i < ends.length; i += 1) if (ends[i]! < ends[i - 1]!) return false;
  return ends.length === 0 ? docs.length === 0 : ends[ends.length - 1] === docs.length;
}

/**
 * Each article's fingerprint as the indexer wrote it, kept in `meta` (no new
 * store, so no schema change): one record per PRINT_GROUP doc numbers, under
 * `docPrints:<group>`, with the token counts and sums at the doc number's
 * place in the group (-1 tokens where none is kept). The integrity check
 * compares these with the index scan instead of tokenizing every article
 * again; a doc number without one (indexed before they were kept) falls back
 * to tokenizing.
 */
export interface StoredPrints {
  tokens: number[];
  sums: number[];
}

export const PRINT_GROUP = 256;
const PRINTS_PREFIX = 'docPrints:';
/** Every docPrints key, and no other meta key. */
export const PRINTS_RANGE = { lower: PRINTS_PREFIX, upper: `${PRINTS_PREFIX}\uffff` } as const;

export const printsKey = (group: number) => `${PRINTS_PREFIX}${group}`;

/** Can this record be read as the indexer writes them? */
export function isWholePrints(value: unknown): value is StoredPrints {
  const prints = value as Partial<StoredPrints> | null;
  if (typeof prints !== 'object' || prints === null || !Array.isArray(prints.tokens) || !Array.isArray(prints.sums)) return false;
  const { tokens, sums } = prints;
  return (
    tokens.length === PRINT_GROUP && sums.length === PRINT_GROUP &&
    tokens.every((n) => Number.isSafeInteger(n) && n >= -1) && sums.every((n) => Number.isSafeInteger(n) && n >= 0 && n < 2 ** 32)
  );
}

/** The group key a meta key names, or null for any other key. */
export function printsGroup(key: string): number | null {
  if (!key.startsWith(PRINTS_PREFIX)) return null;
  const group = Number(key.slice(PRINTS_PREFIX.length));
  return Number.isSafeInteger(group) && group >= 0 ? group : null;
}

/** The fingerprints one record holds, by doc number. */
export function printsIn(group: number, prints: StoredPrints, into: Map<number, Fingerprint>): void {
  prints.tokens.forEach((tokens, i) => {
    if (tokens >= 0) into.set(group * PRINT_GROUP + i, { tokens, sum: prints.sums[i]! });
  });
}

interface MetaLike {
  get(key: string): Promise<unknown>;
  put(value: unknown, key: string): Promise<unknown>;
}

/** Writes these doc numbers' fingerprints into their groups' records, inside the caller's transaction. */
export async function storePrints(meta: MetaLike, entries: ReadonlyArray<readonly [docNo: number, print: Fingerprint]>): Promise<void> {
  const groups = new Map<number, Array<readonly [number, Fingerprint]>>();
  for (const entry of entries) {
    const group = Math.floor(entry[0] / PRINT_GROUP);
    groups.set(group, [...(groups.get(group) ?? []), entry]);
  }
  await Promise.all(
    [...groups].map(async ([group, inGroup]) => {
      const stored = await meta.get(printsKey(group));
      const prints: StoredPrints = isWholePrints(stored)
        ? stored
        : { tokens: new Array<number>(PRINT_GROUP).fill(-1), sums: new Array<number>(PRINT_GROUP).fill(0) };
      for (const [docNo, print] of inGroup) {
        prints.tokens[docNo % PRINT_GROUP] = print.tokens;
        prints.sums[docNo % PRINT_GROUP] = print.sum;
      }
      await meta.put(prints, printsKey(group));
    }),
  );
}
