/**
 * The check every article record passes before it is stored: the background
 * never trusts what a page or a file sent. The record's shape is
 * lib/article-model.ts; each of its fields has a check here.
 */
import { HEAD_FIELDS, type ArticleRecord, type ArticleTemplate, type Mention } from './article-model';
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
};

/** Every field a record has, in the model's order: the head, then the body. */
const RECORD_ORDER = [...HEAD_FIELDS, 'bodyText', 'bodyHtml'] as const;

/** A copy of `value` holding only the fields of a valid ArticleRecord, or why it is not one. */
export function checkArticleRecord(value: unknown): Checked<ArticleRecord> {
  try {
    if (!isObject(value)) throw new Error('record must be an object');
    const checked = checkFields(RECORD_CHECKS, value, '');
    return { ok: true, value: Object.fromEntries(RECORD_ORDER.map((key) => [key, checked[key]])) as unknown as ArticleRecord };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}
