/**
 * The reader's corrections of the rules: "not this security" or "yes, this
 * security", for one article or for a name and security everywhere. They win
 * over the rules; one for the article wins over one for everywhere.
 */
import type { Mention } from '../article-model';
import { parseSecid } from '../securities';
import type { RelevanceVerdict } from './types';

export type CorrectionScope = 'article' | 'everywhere';

export interface Correction {
  secid: string;
  /** The name as the page writes it: an everywhere correction applies to this name linked to this secid. */
  name: string;
  /** The article it applies to; null for everywhere. */
  articleId: string | null;
  verdict: RelevanceVerdict;
  /** When the reader made it (ms since the epoch): the later of two for the same key wins on import. */
  at: number;
}

/** Keyed by correctionKey. */
export type Corrections = Record<string, Correction>;

export const MAX_CORRECTIONS = 20_000;

/** The extension-storage key of the copy every tab watches (the archive holds the corrections themselves). */
export const CORRECTIONS_STORAGE_KEY = 'relevanceCorrections';

export function correctionKey({ secid, name, articleId }: Pick<Correction, 'secid' | 'name' | 'articleId'>): string {
  return articleId === null ? `everywhere|${secid}|${name}` : `article|${articleId}|${secid}`;
}

/** What a reader sees of a mention: the rules' verdict, or the reader's own where there is one. */
export interface ShownVerdict {
  verdict: RelevanceVerdict;
  /** Which correction decided, or null where the rules did. */
  byReader: CorrectionScope | null;
}

export function shownVerdict(mention: Mention, articleId: string, corrections: Corrections): ShownVerdict {
  const own = corrections[correctionKey({ secid: mention.secid, name: mention.name, articleId })];
  if (own) return { verdict: own.verdict, byReader: 'article' };
  const everywhere = corrections[correctionKey({ secid: mention.secid, name: mention.name, articleId: null })];
  if (everywhere) return { verdict: everywhere.verdict, byReader: 'everywhere' };
  // Records saved before there were verdicts have nothing against any mention.
  return { verdict: mention.relevance?.verdict ?? 'likely', byReader: null };
}

/** The secids an article is likely about, with the reader's corrections. */
export function likelySecids(mentions: Mention[], articleId: string, corrections: Corrections): string[] {
  return mentions.filter((mention) => shownVerdict(mention, articleId, corrections).verdict === 'likely').map((m) => m.secid);
}

/** Whether a correction can change what an article with these mentions is about. */
export function concerns(correction: Correction, articleId: string, mentions: Mention[]): boolean {
  if (correction.articleId !== null && correction.articleId !== articleId) return false;
  return mentions.some((mention) => mention.secid === correction.secid && (correction.articleId !== null || mention.name === correction.name));
}

/** One correction as it comes from a message or a file, checked; null when it is not one. */
export function checkCorrection(value: unknown): Correction | null {
  if (typeof value !== 'object' || value === null) return null;
  const { secid, name, articleId, verdict, at } = value as Record<string, unknown>;
  if (typeof secid !== 'string' || !parseSecid(secid)) return null;
  if (typeof name !== 'string' || !name.trim() || name.length > 64) return null;
  if (articleId !== null && (typeof articleId !== 'string' || !/^\d{17,23}$/.test(articleId))) return null;
  if (verdict !== 'likely' && verdict !== 'doubtful') return null;
  if (typeof at !== 'number' || !Number.isFinite(at) || at < 0) return null;
  return { secid, name, articleId, verdict, at };
}

/** A stored or imported set of corrections, keeping only the valid ones. */
export function checkCorrections(value: unknown): Corrections {
  const out: Corrections = {};
  if (typeof value !== 'object' || value === null) return out;
  for (const item of Array.isArray(value) ? value : Object.values(value)) {
    const correction = checkCorrection(item);
    if (correction && Object.keys(out).length < MAX_CORRECTIONS) out[correctionKey(correction)] = correction;
  }
  return out;
}

/** Two sets together: for the same key, the later correction wins. */
export function mergeCorrections(ours: Corrections, theirs: Corrections): Corrections {
  const merged = { ...ours };
  for (const [key, correction] of Object.entries(theirs)) {
    const known = merged[key];
    if (!known || correction.at > known.at) merged[key] = correction;
  }
  return merged;
}
