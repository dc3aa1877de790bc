/**
 * A fingerprint of what the search index holds for one doc number: how many
 * tokens it has and an order-independent hash of each token with its field
 * mask. Built once from the article (what the indexer would write) and once
 * from the stored postings and segments, it tells whether the index holds
 * exactly that article, without keeping the whole index in memory: an
 * integrity check over 50,000 articles keeps two numbers a document.
 */
import type { Posting, Segment } from './schema';

export interface Fingerprint {
  tokens: number;
  /** Sum (mod 2^32) of each token's hash mixed with its mask. */
  sum: number;
}

/** FNV-1a over the UTF-16 units, then a final mix so that nearby tokens spread. */
function tokenHash(token: string, mask: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < token.length; i += 1) h = Math.imul(h ^ token.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ Math.imul(mask + 1, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** The fingerprint the indexer's tokens for an article give. */
export function fingerprintOf(masks: Map<string, number>): Fingerprint {
  let sum = 0;
  for (const [token, mask] of masks) sum = (sum + tokenHash(token, mask)) >>> 0;
  return { tokens: masks.size, sum };
}

/** Fingerprints per doc number, added to as index records are read. */
export class IndexFingerprints {
  readonly byDoc = new Map<number, Fingerprint>();

  private add(doc: number, token: string, mask: number): void {
    const known = this.byDoc.get(doc);
    const hash = tokenHash(token, mask);
    if (known) {
      known.tokens += 1;
      known.sum = (known.sum + hash) >>> 0;
    } else this.byDoc.set(doc, { tokens: 1, sum: hash });
  }

  addPosting(posting: Posting): void {
    posting.docs.forEach((doc, i) => this.add(doc, posting.token, posting.masks[i]!));
  }

  addSegment(segment: Segment): void {
    let from = 0;
    segment.tokens.forEach((token, i) => {
      const to = segment.ends[i]!;
      for (let j = from; j < to; j += 1) this.add(segment.docs[j]!, token, segment.masks[j]!);
      from = to;
    });
  }
}

const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;
const numbers = (value: unknown): value is number[] => Array.isArray(value) && value.every(isCount);

/** Can this posting record be read as the index writes them? */
export function isWholePosting(value: unknown): value is Posting {
  const posting = value as Partial<Posting> | null;
  return (
    typeof posting === 'object' && posting !== null &&
    typeof posting.token === 'string' && isCount(posting.block) &&
    numbers(posting.docs) && numbers(posting.masks) && posting.docs.length === posting.masks.length
  );
}

/** Can this segment be read as the index writes them? */
export function isWholeSegment(value: unknown): value is Segment {
  const segment = value as Partial<Segment> | null;
  if (typeof segment !== 'object' || segment === null) return false;
  const { shard, start, tokens, ends, docs, masks } = segment;
  if (!isCount(shard) || !isCount(start) || !numbers(docs) || !numbers(masks) || docs.length !== masks.length) return false;
  if (!Array.isArray(tokens) || !tokens.every((token) => typeof token === 'string') || !numbers(ends)) return false;
  if (ends.length !== tokens.length) return false;
  // Each token's run ends after the last one's, and the last ends at the end of the lists.
  return ends.every((end, i) => end >= (i === 0 ? 0 : ends[i - 1]!)) && (ends.length === 0 ? docs.length === 0 : ends.at(-1) === docs.length);
}
