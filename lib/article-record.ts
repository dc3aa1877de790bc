/**
 * The check every article record passes before it is stored: the background
 * never trusts what a page or a file sent. The record's shape is
 * lib/article-model.ts; each of its fields has a check here.
 */
import { HEAD_FIELDS, type ArticleRecord, type ArticleTemplate, type Mention, type MentionMark, type MentionRelevance, type StoredFigure } from './article-model';
import { FIGURE_UNITS } from './key-figures';
import { MARKS_KEPT, RELEVANCE_REASONS, RELEVANCE_RULES, type RelevanceReason, type RelevanceRuleId } from './relevance/types';
import { isRecordTime, MENTION_BOUND } from './plausible-values';
import { kindOf, parseSecid, type SecurityKind } from './securities';
import { hasVisibleText, oneLine, withoutInvisibles } from './visible-text';


export const LIMITS = {
  id: 32,
  url: 2048,
  title: 500,
  source: 200,
  author: 200,
  summary: 4000,
  // Long enough for the longest reports Eastmoney carries, several times over.
  body: 10_000_000,
  mentions: 5000,
  name: 64,
} as const;

const KINDS: readonly SecurityKind[] = ['stock', 'sector', 'index', 'fund', 'hk', 'us', 'future', 'forex', 'other'];
const TEMPLATES: readonly ArticleTemplate[] = ['current', 'legacy', 'mobile', 'caifuhao', 'generic'];

export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

type Shape = Record<string, unknown>;

function isObject(value: unknown): value is Shape {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown, max: number, field: string, { empty = false } = {}): string {
  if (typeof value !== 'string') throw new Error(`${field} must be a string`);
  if (value.length > max) throw new Error(`${field} is longer than ${max} characters`);
  if (!empty && value.trim() === '') throw new Error(`${field} is empty`);
  return value;
}

function optionalText(value: unknown, max: number, field: string): string | null {
  return value === null || value === undefined ? null : text(value, max, field, { empty: true });
}

/** A title or a name: one line, with something on it a reader can see and click. */
function line(value: unknown, max: number, field: string): string {
  const clean = oneLine(text(value, max, field, { empty: true }));
  if (!hasVisibleText(clean)) throw new Error(`${field} is empty`);
  return clean;
}

/** A source or an author: one line, or null where nothing would show. */
function optionalLine(value: unknown, max: number, field: string): string | null {
  const raw = optionalText(value, max, field);
  const clean = raw === null ? '' : oneLine(raw);
  return hasVisibleText(clean) ? clean : null;
}

const isCount = (value: unknown, least: number): value is number =>
  Number.isInteger(value) && (value as number) >= least && (value as number) <= MENTION_BOUND;

/** A check for every field of T, optional ones too: a field added to the model without one does not compile. */
export type FieldChecks<T> = { [K in keyof T]-?: (value: unknown, field: string, whole: Shape) => T[K] };

/** The fields `checks` names, each checked; anything else `value` carries is left behind. */
function checkFields<T>(checks: FieldChecks<T>, value: Shape, prefix: string): T {
  const checked = {} as T;
  for (const key of Object.keys(checks) as Array<keyof T & string>) {
    const field = checks[key](value[key], prefix ? `${prefix}.${key}` : key, value);
    if (field !== undefined) checked[key] = field;
  }
  return checked;
}

const secidOf = (whole: Shape, field: string) => {
  const security = typeof whole.secid === 'string' ? parseSecid(whole.secid) : null;
  if (!security) throw new Error(`${field.replace(/\.\w+$/, '')}.secid is not a market.code pair`);
  return security;
};

const MENTION_CHECKS: FieldChecks<Mention> = {
  secid: (value, field, whole) => (text(value, 24, field), secidOf(whole, field).secid),
  market(value, field, whole) {
    if (value !== secidOf(whole, field).market) throw new Error(`${field.replace(/\.\w+$/, '')} market and code do not match its secid`);
    return value as number;
  },
  code(value, field, whole) {
    if (value !== secidOf(whole, field).code) throw new Error(`${field.replace(/\.\w+$/, '')} market and code do not match its secid`);
    return value as string;
  },
  kind(value, field) {
    if (!KINDS.includes(value as SecurityKind)) throw new Error(`${field} is unknown`);
    return value as SecurityKind;
  },
  name: (value, field) => line(value, LIMITS.name, field),
  count(value, field) {
    if (!isCount(value, 1)) throw new Error(`${field} must be a positive integer up to ${MENTION_BOUND}`);
    return value;
  },
  order(value, field) {
    if (!isCount(value, 0)) throw new Error(`${field} must be a whole number up to ${MENTION_BOUND}`);
    return value;
  },
  relevance(value, field, whole) {
    if (value === undefined) return undefined;
    if (!isObject(value)) throw new Error(`${field} must be an object`);
    return checkFields(relevanceChecks(whole.count), value, field);
  },
};

const VERDICTS = ['likely', 'doubtful'] as const;

function oneOf<T extends string>(list: readonly T[], value: unknown, field: string): T {
  if (!list.includes(value as T)) throw new Error(`${field} is unknown`);
  return value as T;
}

function nullOr<T>(value: unknown, check: (value: unknown) => T): T | null {
  return value === null ? null : check(value);
}

/** A mark's window: a few dozen characters each side. */
const windowText = (value: unknown, field: string) => text(value, 200, field, { empty: true });

const MARK_CHECKS: FieldChecks<MentionMark> = {
  before: windowText,
  text: windowText,
  after: windowText,
  verdict: (value, field) => oneOf(VERDICTS, value, field),
  rule: (value, field) => oneOf(RELEVANCE_RULES, value, field),
};

function relevanceChecks(count: unknown): FieldChecks<MentionRelevance> {
  return {
    verdict: (value, field) => oneOf(VERDICTS, value, field),
    doubtfulMentions(value, field) {
      if (!isCount(value, 0) || (typeof count === 'number' && value > count)) throw new Error(`${field} must be a whole number up to the mention count`);
      return value;
    },
    rule: (value, field) => nullOr<RelevanceRuleId>(value, (v) => oneOf(RELEVANCE_RULES, v, field)),
    reason: (value, field) => nullOr<RelevanceReason>(value, (v) => oneOf(RELEVANCE_REASONS, v, field)),
    params(value, field) {
      if (value === null) return null;
      if (!Array.isArray(value) || value.length !== 2) throw new Error(`${field} must be two strings`);
      return [windowText(value[0], `${field}[0]`), windowText(value[1], `${field}[1]`)];
    },
    marks(value, field) {
      if (!Array.isArray(value) || value.length > MARKS_KEPT) throw new Error(`${field} must be a list of at most ${MARKS_KEPT}`);
      return value.map((mark, i) => {
        if (!isObject(mark)) throw new Error(`${field}[${i}] must be an object`);
        return checkFields(MARK_CHECKS, mark, `${field}[${i}]`);
      });
    },
  };
}

/** How many key figures a record keeps. */
export const FIGURES_KEPT = 20;

const FIGURE_CHECKS: FieldChecks<StoredFigure> = {
  text: (value, field) => line(value, 40, field),
  value(value, field) {
    if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) > 1e18) throw new Error(`${field} must be a finite number`);
    return value;
  },
  unit: (value, field) => oneOf(FIGURE_UNITS, value, field),
  label: (value, field) => oneLine(text(value, 40, field, { empty: true })),
  source: (value, field) => oneOf(['title', 'summary', 'body'] as const, value, field),
};

function checkMention(value: unknown, index: number): Mention {
  const field = `mentions[${index}]`;
  if (!isObject(value)) throw new Error(`${field} must be an object`);
  return checkFields(MENTION_CHECKS, value, field);
}

function checkUrl(value: unknown, field = 'url'): string {
  const url = text(value, LIMITS.url, field);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error('url is not a URL');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error('url must be http(s)');
  return parsed.href;
}

const RECORD_CHECKS: FieldChecks<ArticleRecord> = {
  id(value, field) {
    const id = text(value, LIMITS.id, field);
    if (!/^\d{17,23}$/.test(id)) throw new Error('id must be an Eastmoney article number');
    return id;
  },
  url: checkUrl,
  title: (value, field) => line(value, LIMITS.title, field),
  publishedAt(value, field) {
    const publishedAt = optionalText(value, 40, field);
    if (publishedAt !== null && !isRecordTime(publishedAt)) throw new Error('publishedAt is not an ISO 8601 time between 1970 and 2200');
    return publishedAt;
  },
  source: (value, field) => optionalLine(value, LIMITS.source, field),
  author: (value, field) => optionalLine(value, LIMITS.author, field),
  summary: (value, field) => withoutInvisibles(text(value, LIMITS.summary, field, { empty: true })),
  bodyText: (value, field) => text(value, LIMITS.body, field),
  bodyHtml: (value, field) => text(value, LIMITS.body, field),
  mentions(value) {
    if (!Array.isArray(value)) throw new Error('mentions must be a list');
    if (value.length > LIMITS.mentions) throw new Error(`more than ${LIMITS.mentions} mentions`);
    const mentions = value.map(checkMention);
    if (new Set(mentions.map((m) => m.secid)).size !== mentions.length) throw new Error('mentions repeat a secid');
    for (const mention of mentions) {
      if (kindOf(mention.market, mention.code) !== mention.kind) throw new Error(`${mention.secid} has the wrong kind`);
    }
    return mentions;
  },
  template(value) {
    if (!TEMPLATES.includes(value as ArticleTemplate)) throw new Error('template is unknown');
    return value as ArticleTemplate;
  },
  keyFigures(value, field) {
    if (value === undefined) return undefined;
    if (!Array.isArray(value) || value.length > FIGURES_KEPT) throw new Error(`${field} must be a list of at most ${FIGURES_KEPT}`);
    return value.map((figure, i) => {
      if (!isObject(figure)) throw new Error(`${field}[${i}] must be an object`);
      return checkFields(FIGURE_CHECKS, figure, `${field}[${i}]`);
    });
  },
};

/** Every field a record has, in the model's order: the head, then the body. */
const RECORD_ORDER = [...HEAD_FIELDS, 'bodyText', 'bodyHtml'] as const;

/** A copy of `value` holding only the fields of a valid ArticleRecord, or why it is not one. */
export function checkArticleRecord(value: unknown): Checked<ArticleRecord> {
  try {
    if (!isObject(value)) throw new Error('record must be an object');
    const checked = checkFields(RECORD_CHECKS, value, '');
    // An optional field left out stays out, rather than coming back as undefined.
    const present = RECORD_ORDER.filter((key) => checked[key] !== undefined);
    return { ok: true, value: Object.fromEntries(present.map((key) => [key, checked[key]])) as unknown as ArticleRecord };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}
