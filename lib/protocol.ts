/**
 * Every message EM Lens sends between its parts: its request and its reply.
 * Who may send each and the check its payload passes are the rules where it
 * arrives: protocol-background.ts for the background, protocol-tab.ts for
 * content scripts (so a content script carries only the checks it runs). A
 * message that fails its check gets an error reply and nothing is written.
 *
 * Senders: a content script (on an article page), or an extension page (the
 * popup, the archive and reader tabs, and the background itself when it talks
 * to a content script).
 */
import type { Checked } from './article-record';
import type { ArchivedArticle, ArticleStatus } from './article-model';

import type { Quote } from './quotes/quote-reply';

export type SenderKind = 'content-script' | 'extension-page';

export interface ImportOutcome {
  taken: number;
  created: number;
  updated: number;
  refused: Array<{ index: number; id: string | null; reason: string }>;
}

export interface Protocol {
  /**
   * Store (or update) the article on the sender's page. The background reads
   * the page itself (read-article-record.ts, injected into the sender's frame)
   * and keeps it only if it is this article and passes the record check.
   */
  'article:save': { request: { id: string }; response: { savedAt: number; created: boolean; status: ArticleStatus } };
  /** Is this article in the archive, and with which tags and note? */
  'article:status': { request: { id: string }; response: ArticleStatus };
  /** Set an archived article's tags and note. */
  'article:annotate': { request: { id: string; tags: string[]; note: string }; response: ArticleStatus };
  'article:delete': { request: { id: string }; response: { deleted: boolean } };
  /** Put back an article exactly as it was (undo of a delete). */
  'article:restore': { request: { article: ArchivedArticle }; response: { restored: true } };
  /** Merge archived articles by id; all of one batch land or none. */
  'archive:import': { request: { articles: unknown[] }; response: ImportOutcome };
  /**
   * Quotes for the securities of a page, from the background's shared cache
   * or one batched request. `live: false` when quotes are switched off.
   */
  'quotes:get': {
    request: { secids: string[] };
    /**
     * `refreshInMs`: when a visible tab should ask again (every 10 s while
     * trading, else at the next session's opening; see lib/quotes/trading-clock.ts),
     * null when quotes are off. The background keeps the clock and its holidays.
     */
    response: { quotes: Record<string, Quote>; live: boolean; refreshInMs: number | null };
  };
  /** How many archived articles mention each security. */
  'securities:counts': { request: { secids: string[] }; response: { counts: Record<string, number> } };
  /** Open the archive in a tab, filtered to one security. */
  'archive:open': { request: { secid: string | null }; response: { opened: true } };
  /**
   * Read the page in this tab as a copy of an Eastmoney article: the popup asks
   * when opened from the toolbar (activeTab) on a page of another site.
   */
  'page:read': { request: { tabId: number }; response: { injected: true } };
  /** To a content script: save the article on this page (shortcut, context menu). */
  'overlay:save': { request: Record<string, never>; response: { saved: boolean } };
  /** To content scripts: an article was saved, changed or deleted elsewhere. */
  'article:changed': { request: { id: string; status: ArticleStatus }; response: { seen: boolean } };
}

export type MessageType = keyof Protocol;
export type Request<K extends MessageType> = Protocol[K]['request'];
export type Response<K extends MessageType> = Protocol[K]['response'];
export type Message<K extends MessageType = MessageType> = { type: K; payload: Request<K> };
export type Reply<K extends MessageType = MessageType> =
  | { ok: true; data: Response<K> }
  | { ok: false; error: string };

const ID = /^\d{17,23}$/;

type Shape = Record<string, unknown>;
export const shape = (payload: unknown): Shape => (typeof payload === 'object' && payload !== null ? (payload as Shape) : {});

export function checkId(payload: unknown): Checked<{ id: string }> {
  const { id } = shape(payload);
  return typeof id === 'string' && ID.test(id) ? { ok: true, value: { id } } : { ok: false, error: 'id must be an Eastmoney article number' };
}

export const fail = (error: string) => ({ ok: false, error }) as const;

/** Who may send a message, and the check its payload passes where it arrives. */
export type Rule<K extends MessageType> = { from: SenderKind[]; check: (payload: unknown) => Checked<Request<K>> };
export type Rules<K extends MessageType> = { [T in K]: Rule<T> };

/** What content scripts receive (protocol-tab.ts); the background receives everything else (protocol-background.ts). */
export type TabMessage = 'overlay:save' | 'article:changed';
export type BackgroundMessage = Exclude<MessageType, TabMessage>;

/** What a handler knows of who sent the message. */
export interface SenderContext {
  kind: SenderKind;
  /** The tab a content script runs in; null for extension pages. */
  tabId: number | null;
  /** The frame of that tab (0 for the page itself); null for extension pages. */
  frameId: number | null;
}

export type Handlers<K extends MessageType = MessageType> = {
  [T in K]: (request: Request<T>, sender: SenderContext) => Promise<Response<T>>;
};

/**
 * The receiving end: checks shape, type and sender, then calls the handler.
 * Never throws; every outcome is a Reply. Types with no handler here are
 * refused, so each part answers only what it serves.
 */
export function createReceiver<K extends MessageType>(rules: Rules<K>, handlers: Handlers<K>) {
  return async (message: unknown, sender: SenderKind | SenderContext | null): Promise<Reply> => {
    const context: SenderContext | null = typeof sender === 'string' ? { kind: sender, tabId: null, frameId: null } : sender;
    if (typeof message !== 'object' || message === null) return fail('message must be an object');
    const { type, payload } = message as { type?: unknown; payload?: unknown };
    if (typeof type !== 'string' || !Object.hasOwn(rules, type) || !Object.hasOwn(handlers, type)) {
      return fail(`unknown message type ${JSON.stringify(type)}`);
    }
    const rule = rules[type as K] as unknown as Rule<MessageType>;
    if (context === null || !rule.from.includes(context.kind)) return fail(`${type} is not accepted from this sender`);
    const checked = rule.check(payload);
    if (!checked.ok) return fail(`${type}: ${checked.error}`);
    try {
      const handler = handlers[type as K] as unknown as (request: unknown, sender: SenderContext) => Promise<unknown>;
      return { ok: true, data: (await handler(checked.value, context)) as Response<MessageType> };
    } catch (error) {
      // The error's name says what kind of failure it was (QuotaExceededError, AbortError…).
      const what = error instanceof Error ? (error.name && error.name !== 'Error' ? `${error.name}: ${error.message}` : error.message) : String(error);
      return fail(`${type} failed: ${what}`);
    }
  };
}

/** The sending end, over any transport (runtime.sendMessage or tabs.sendMessage in the extension). */
export function createSender(transport: (message: Message) => Promise<unknown>) {
  return async function send<K extends MessageType>(type: K, payload: Request<K>): Promise<Response<K>> {
    const reply = (await transport({ type, payload } as Message)) as Reply<K> | undefined;
    if (!reply || typeof reply !== 'object') throw new Error(`${type}: no reply from the extension`);
    if (!reply.ok) throw new Error(reply.error);
    return reply.data;
  };
}
