/**
 * The one article model. Every shape an article takes on its way from the
 * page to the archive and back is built here from these few types, and the
 * field lists that copy an article field by field are derived from them: a
 * field added to a type is a compile error wherever it would be dropped.
 *
 *   page → ArticleHead (what the overlay shows, lib/article-head.ts)
 *        → ArticleRecord (what a save keeps, lib/page-record.ts; checked by lib/article-record.ts)
 *        → ArchivedArticle (+ when saved, tags, note, quotes: export, import, restore)
 *        → ArticleListing + ArticleBody (how the archive stores it, lib/archive/)
 *        → ArticleStatus (what a tab is told of its article)
 */
import type { FigureSource } from './key-figures';
import type { QuoteSnapshot } from './quotes/quote-snapshot';
import type { RelevanceReason, RelevanceRuleId, RelevanceVerdict } from './relevance/types';
import type { Security, SecurityKind } from './securities';

export type ArticleTemplate = 'current' | 'legacy' | 'mobile' | 'caifuhao' | 'generic';

/** One security an article marks up, counted. */
export interface Mention extends Security {
  /** The name as the article writes it at its first mention. */
  name: string;
  /** How many marked mentions the body has. */
  count: number;
  /** 0 for the security mentioned first, 1 for the next, … */
  order: number;
  /** What the relevance rules said of it when the page was read; absent in records saved before they existed. */
  relevance?: MentionRelevance;
}

/** One marked mention as the rules saw it: its window of text, and their verdict. */
export interface MentionMark {
  before: string;
  text: string;
  after: string;
  verdict: RelevanceVerdict;
  rule: RelevanceRuleId;
}

/** Whether the article is likely about the security the page linked, and why. */
export interface MentionRelevance {
  /** Doubtful when every one of its marked mentions is. */
  verdict: RelevanceVerdict;
  doubtfulMentions: number;
  /** The most telling doubtful mention's rule, reason key and placeholders; null when none is doubtful. */
  rule: RelevanceRuleId | null;
  reason: RelevanceReason | null;
  params: [string, string] | null;
  /** The first marks, in document order, so an archived article can be judged again when the rules improve. */
  marks: MentionMark[];
}

/** A figure a reader scans for, as a record keeps it (lib/key-figures.ts reads them). */
export interface StoredFigure {
  text: string;
  value: number;
  unit: string;
  label: string;
  source: FigureSource;
}

/** The record EM Lens keeps of one article. */
export interface ArticleRecord {
  /** The numeric Eastmoney id, shared by every URL form of the article. */
  id: string;
  /** The canonical article URL. */
  url: string;
  title: string;
  /** ISO 8601 with +08:00, or null when the page gives no time. */
  publishedAt: string | null;
  source: string | null;
  author: string | null;
  summary: string;
  bodyText: string;
  /** Sanitised with lib/sanitize.ts. */
  bodyHtml: string;
  mentions: Mention[];
  template: ArticleTemplate;
  /** The article's key figures, most telling first; absent in records saved before they were read. */
  keyFigures?: StoredFigure[];
}

/**
 * A list of every key of T: `fieldsOf<T>()([...])` does not compile when the
 * list leaves one out, so a field added to the model reaches every copy.
 */
export const fieldsOf =
  <T>() =>
  <const L extends readonly (keyof T)[]>(list: L & ([keyof T] extends [L[number]] ? unknown : never)): L =>
    list;

export const BODY_FIELDS = fieldsOf<Pick<ArticleRecord, 'bodyText' | 'bodyHtml'>>()(['bodyText', 'bodyHtml']);
export type BodyField = (typeof BODY_FIELDS)[number];

/** The fields of a record that lists show: all but the body. */
export const HEAD_FIELDS = fieldsOf<Omit<ArticleRecord, BodyField>>()([
  'id',
  'url',
  'title',
  'publishedAt',
  'source',
  'author',
  'summary',
  'mentions',
  'template',
  'keyFigures',
]);

export const MENTION_FIELDS = fieldsOf<Mention>()([
  'secid',
  'market',
  'code',
  'kind',
  'name',
  'count',
  'order',
  'relevance',
]);

/** What the reader adds to an article in the archive. */
export interface Annotation {
  tags: string[];
  note: string;
}

/** What the archive adds to a record. */
export interface ArchiveFields extends Annotation {
  /** When the article first entered the archive (ms since the epoch). */
  savedAt: number;
  /** When it was last saved again or annotated. */
  updatedAt: number;
  /** Each security's quote when the article was saved, where quotes were on. */
  quotesAtSave?: QuoteSnapshot;
}

/** An archived article as it leaves or enters the archive (export, import, restore). */
export type ArchivedArticle = ArticleRecord & ArchiveFields;

/** How the archive stores an article for lists: everything but the body, and the keys its indexes need. */
export type ArticleListing = Omit<ArchivedArticle, BodyField> & {
  /** The mentioned secids, for the by-secid index. */
  secids: string[];
  /**
   * The secids the article is likely about: the rules' verdicts with the
   * reader's corrections over them. Absent in listings written before there
   * were verdicts, where every mentioned secid counts.
   */
  likelySecids?: string[];
  /** The kinds of the mentioned securities. */
  kinds: SecurityKind[];
  /** The article's number in the search postings; absent until indexed. */
  docNo?: number;
  /** Present (1) while the article waits to be indexed. */
  pending?: 1;
};

/** How the archive stores an article's body, read only when one article is opened. */
export type ArticleBody = Pick<ArticleRecord, 'id' | BodyField>;

/** What a tab is told of its article: in the archive or not, and the reader's annotation. */
export type ArticleStatus = Annotation & { saved: boolean; savedAt: number | null };

export const UNSAVED: ArticleStatus = { saved: false, savedAt: null, tags: [], note: '' };

export function statusOfListing(listing: Pick<ArticleListing, 'savedAt' | 'tags' | 'note'> | undefined): ArticleStatus {
  return listing ? { saved: true, savedAt: listing.savedAt, tags: listing.tags, note: listing.note } : UNSAVED;
}

/** A copy of `source` with just the fields in `fields`: whatever else it carries stays behind. */
export function pickFields<T, K extends keyof T>(source: T, fields: readonly K[]): Pick<T, K> {
  const copy = {} as Pick<T, K>;
  // An optional field the source lacks stays absent, not a key holding undefined: stored
  // records then compare equal however they were written (a save, an import, a sync).
  for (const field of fields) if (source[field] !== undefined) copy[field] = source[field];
  return copy;
}
