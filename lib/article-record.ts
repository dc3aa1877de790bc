/**
 * The record EM Lens keeps of one article, and the check every record passes
 * before it is stored: the background never trusts what a page sent.
 */
import type { Mention } from './mentions';
import { isRecordTime, MENTION_BOUND } from './plausible-values';
import { kindOf, parseSecid, type SecurityKind } from './securities';
import { hasVisibleText, oneLine, withoutInvisibles } from './visible-text';

export type ArticleTemplate = 'current' | 'legacy' | 'mobile' | 'caifuhao' | 'generic';

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
}

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

function checkMention(value: unknown, index: number): Mention {
  const field = `mentions[${index}]`;
  if (!isObject(value)) throw new Error(`${field} must be an object`);
  const security = parseSecid(text(value.secid, 24, `${field}.secid`));
  if (!security) throw new Error(`${field}.secid is not a market.code pair`);
  if (value.market !== security.market || value.code !== security.code) {
    throw new Error(`${field} market and code do not match its secid`);
  }
  if (!KINDS.includes(value.kind as SecurityKind)) throw new Error(`${field}.kind is unknown`);
  if (!isCount(value.count, 1)) throw new Error(`${field}.count must be a positive integer up to ${MENTION_BOUND}`);
  if (!isCount(value.order, 0)) throw new Error(`${field}.order must be a whole number up to ${MENTION_BOUND}`);
  return {
    secid: security.secid,
    market: security.market,
    code: security.code,
    kind: value.kind as SecurityKind,
    name: line(value.name, LIMITS.name, `${field}.name`),
    count: value.count as number,
    order: value.order as number,
  };
}

function checkUrl(value: unknown): string {
  const url = text(value, LIMITS.url, 'url');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error('url is not a URL');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error('url must be http(s)');
  return parsed.href;
}

/** A copy of `value` holding only the fields of a valid ArticleRecord, or why it is not one. */
export function checkArticleRecord(value: unknown): Checked<ArticleRecord> {
  try {
    if (!isObject(value)) throw new Error('record must be an object');
    const id = text(value.id, LIMITS.id, 'id');
    if (!/^\d{17,23}$/.test(id)) throw new Error('id must be an Eastmoney article number');
    const publishedAt = optionalText(value.publishedAt, 40, 'publishedAt');
    if (publishedAt !== null && !isRecordTime(publishedAt)) throw new Error('publishedAt is not an ISO 8601 time between 1970 and 2200');
    if (!Array.isArray(value.mentions)) throw new Error('mentions must be a list');
    if (value.mentions.length > LIMITS.mentions) throw new Error(`more than ${LIMITS.mentions} mentions`);
    const mentions = value.mentions.map(checkMention);
    if (new Set(mentions.map((m) => m.secid)).size !== mentions.length) throw new Error('mentions repeat a secid');
    for (const mention of mentions) {
      if (kindOf(mention.market, mention.code) !== mention.kind) throw new Error(`${mention.secid} has the wrong kind`);
    }
    if (!TEMPLATES.includes(value.template as ArticleTemplate)) throw new Error('template is unknown');
    return {
      ok: true,
      value: {
        id,
        url: checkUrl(value.url),
        title: line(value.title, LIMITS.title, 'title'),
        publishedAt,
        source: optionalLine(value.source, LIMITS.source, 'source'),
        author: optionalLine(value.author, LIMITS.author, 'author'),
        summary: withoutInvisibles(text(value.summary, LIMITS.summary, 'summary', { empty: true })),
        bodyText: text(value.bodyText, LIMITS.body, 'bodyText'),
        bodyHtml: text(value.bodyHtml, LIMITS.body, 'bodyHtml'),
        mentions,
        template: value.template as ArticleTemplate,
      },
    };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}
