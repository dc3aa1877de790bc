/**
 * Every message EM Lens sends between its parts: its request and its reply.
 * Who may send each and the check its payload passes are the rules where it
 * arrives: protocol-background.ts for the background, protocol-tab.ts for
 * content scripts. A message that fails its check gets an error
 * reply and nothing is written.
 *
 * Senders: a content script (on an article page), an archive frame (the
 * extension's own frame inside the overlay), or an extension page (the popup,
 * the archive and reader tabs, and the background itself when it nudges a
 * tab). A content script reads the page and tells the background what it
 * shows; it is never told the reader's archive, which stays out of the
 * page's reach: the archive frame asks the background for it.
 */
import type { CorrectionChange } from './archive/corrections-store';
import type { Corrections } from './relevance/corrections';
import type { PageJudgement, PageJudgementRequest } from './relevance/page-judgement';
import type { Checked } from './article-record';
import { CodedError, codeOf, detailOf, isErrorCode, type ErrorCode } from './error-codes';
import type { ImportOutcome } from './archive/import-articles';
import type { IntegrityReport } from './archive/integrity';
import type { BackupLog } from './backup/backup-plan';
import type { Annotation, ArchivedArticle, ArticleStatus } from './article-model';

import type { Quote } from './quotes/quote-reply';
import type { IntradayDays } from './quotes/intraday-reply';
import type { IntradayChartData } from './quotes/intraday-path';
import type { SyncConnection, SyncStatus } from './sync/sync-config';

/**
 * `overlay-frame`: the archive frame (overlay-frame.html) inside a tab's
 * overlay, which shows what only the reader may see of their archive.
 */
export type SenderKind = 'content-script' | 'extension-page' | 'overlay-frame';

export interface Protocol {
  /**
   * Store (or update) the article on the sender's page. The background reads
   * the page itself (read-article-record.ts, injected into the sender's frame)
   * and keeps it only if it is this article and passes the record check.
   */
  'bg:save-article': { request: { id: string }; response: { savedAt: number; created: boolean; replaced: boolean; status: ArticleStatus } };
  /** Put back the title and text a save replaced; the replacing version is kept in turn. */
  'bg:restore-previous': { request: { id: string }; response: ArticleStatus };
  /**
   * Set an archived article's tags and note. `was`: what the editor opened
   * on; when another hand changed them since, the reply's `replaced` is what
   * this write replaced.
   */
  'bg:annotate-article': { request: { id: string; tags: string[]; note: string; was?: Annotation }; response: ArticleStatus & { replaced?: Annotation } };
  'bg:delete-article': { request: { id: string }; response: { deleted: boolean } };
  /** Put back an article exactly as it was (undo of a delete). */
  'bg:restore-article': { request: { article: ArchivedArticle }; response: { restored: true } };
  /** Merge archived articles by id; all of one batch land or none. */
  'bg:import-articles': { request: { articles: unknown[] }; response: ImportOutcome };
  /**
   * Quotes for the securities of a page, from the background's shared cache
   * or one batched request. `live: false` when quotes are switched off.
   */
  'bg:get-quotes': {
    request: { secids: string[] };
    /**
     * `refreshInMs`: when a visible tab should ask again (every 10 s while
     * trading, else at the next session's opening; see lib/quotes/trading-clock.ts),
     * null when quotes are off. The background keeps the clock and its holidays.
     */
    response: { quotes: Record<string, Quote>; live: boolean; refreshInMs: number | null };
  };
  /**
   * Check the archive's stores against its articles and rebuild what
   * disagrees (lib/archive/integrity.ts); the reply says what was fixed.
   * Articles it queued are re-indexed after the reply.
   */
  'bg:check-archive': { request: Record<string, never>; response: IntegrityReport };
  /** Writes a backup of the whole archive to the Downloads folder now (lib/backup); the reply is the backup log. */
  'bg:backup-now': { request: Record<string, never>; response: BackupLog };
  /** Open the archive in a tab, filtered to one security. */
  /** `doubtful`: the security view takes doubtful mentions too (opened from a doubtful badge). */
  'bg:open-archive': { request: { secid: string | null; doubtful?: boolean }; response: { opened: true } };
  /** The verdicts on an open article's securities, with the reader's corrections, and its key figures. */
  'bg:judge-page': { request: PageJudgementRequest; response: PageJudgement };
  /** Sets or clears a reader's correction of the relevance rules; every tab sees it through storage. */
  'bg:correct-mention': { request: { change: CorrectionChange }; response: { corrections: number } };
  /** Corrections from an export file, after its articles. */
  'bg:import-corrections': { request: { corrections: Corrections }; response: { taken: number } };
  /** Every archived article judged again by today's rules. */
  'bg:rejudge-archive': { request: Record<string, never>; response: { checked: number; changed: number } };
  /**
   * A security's intraday line, today's or the last five sessions', fetched
   * by the background when a badge's card opens; what stands in its place
   * otherwise (no minutes yet, an odd reply, no answer, quotes off, a market
   * with other hours).
   */
  'bg:get-intraday': { request: { secid: string; days: IntradayDays }; response: IntradayAnswer };
  /**
   * Read the page in this tab as a copy of an Eastmoney article: the popup asks
   * when opened from the toolbar (activeTab) on a page of another site.
   */
  'bg:show-overlay-in-tab': { request: { tabId: number }; response: { injected: true } };
  /**
   * Sync through the reader's WebDAV folder (lib/sync/). Connect: keep the
   * server, user, app password and folder, and run the first sync, which
   * merges this archive with the folder's; a folder that holds articles
   * answers with a preview first (state `preview`). The passphrase, when
   * given, makes or opens the folder's key and is then dropped. The page asks
   * for the server's origin (permissions.request) before it sends this.
   */
  'bg:sync-connect': { request: SyncConnection; response: SyncStatus };
  /** Accept the first connection's preview (remote, local, shared) and merge. */
  'bg:sync-confirm': { request: Record<string, never>; response: SyncStatus };
  /** Sync now; `allowMassDelete` when the reader confirmed a run that deletes more than a tenth of the archive. */
  'bg:sync-now': { request: { allowMassDelete: boolean }; response: SyncStatus };
  'bg:sync-status': { request: Record<string, never>; response: SyncStatus };
  /** Stop syncing and forget the server and password; the archive stays. */
  'bg:sync-disconnect': { request: Record<string, never>; response: SyncStatus };
  /**
   * From a content script: the article its page shows, the address the page
   * was loaded from, and the securities as the badges show them. The
   * background binds the tab to this article (refused when the address is
   * another article's) and answers the tab's archive frame from it.
   */
  'bg:show-article': { request: ShownArticle; response: { shown: true } };
  /**
   * From an extension page: save the article a tab shows, as the shortcut and
   * the page's menu do (the tab's frame shows it saving); `saved: false` when
   * the tab shows none or the save failed (the frame says why).
   */
  'bg:save-tab': { request: { tabId: number }; response: { saved: boolean } };
  /** From the archive frame in a tab: the article its tab shows, with the reader's own archive state for it. */
  'bg:frame-article': { request: Record<string, never>; response: FrameArticle };
  /**
   * To a content script: something its archive frame shows changed (a save,
   * a note, a delete, the tab's binding); it nudges the frame, which asks the
   * background again. The nudge carries nothing, so nothing crosses the page.
   */
  'tab:archive-changed': { request: Record<string, never>; response: { nudged: boolean } };
}

export type IntradayAnswer =
  | { status: 'ok'; chart: IntradayChartData }
  | { status: 'empty' | 'odd' | 'unavailable' | 'off' | 'other-hours' };

/** A security as a tab's badges show it: the archive frame counts its articles. */
export interface ShownSecurity {
  secid: string;
  name: string;
  /** Judged doubtful (or corrected so): its count takes every article that mentions it. */
  doubtful: boolean;
}

export interface ShownArticle {
  id: string;
  /** The document's own address (its navigation entry), which the history API cannot move. */
  committedUrl: string | null;
  securities: ShownSecurity[];
}

export interface FrameArticle {
  tabId: number;
  id: string;
  securities: ShownSecurity[];
  status: ArticleStatus;
  /** Saved articles per secid: likely ones for a likely badge, every mention for a doubtful one. */
  counts: Record<string, number>;
  /** The version a save replaced, if one is kept: its title and when. */
  previous: { title: string; replacedAt: number } | null;
  /** A save of this tab's article under way or failed away from the frame (shortcut, menu, auto-save). */
  save: TabSave | null;
}

export type TabSave = { phase: 'saving' } | { phase: 'failed'; code: ErrorCode };

export type MessageType = keyof Protocol;
export type Request<K extends MessageType> = Protocol[K]['request'];
export type Response<K extends MessageType> = Protocol[K]['response'];
export type Message<K extends MessageType = MessageType> = { type: K; payload: Request<K> };
/** A failure is a code the receiver's UI words for the reader (lib/error-codes.ts) and a detail for the log. */
export type Reply<K extends MessageType = MessageType> =
  | { ok: true; data: Response<K> }
  | { ok: false; code: ErrorCode; detail: string };

const ID = /^\d{17,23}$/;

type Shape = Record<string, unknown>;
export const shape = (payload: unknown): Shape => (typeof payload === 'object' && payload !== null ? (payload as Shape) : {});

export function checkId(payload: unknown): Checked<{ id: string }> {
  const { id } = shape(payload);
  return typeof id === 'string' && ID.test(id) ? { ok: true, value: { id } } : { ok: false, error: 'id must be an Eastmoney article number' };
}

/** A payload check's refusal: why, in words for the log (the reply's code is `invalid-request`). */
export const fail = (error: string) => ({ ok: false, error }) as const;

const refuse = (code: ErrorCode, detail: string): Reply => ({ ok: false, code, detail });

/** Who may send a message, and the check its payload passes where it arrives. */
export type Rule<K extends MessageType> = { from: SenderKind[]; check: (payload: unknown) => Checked<Request<K>> };
export type Rules<K extends MessageType> = { [T in K]: Rule<T> };

/** What content scripts receive (protocol-tab.ts); the background receives everything else (protocol-background.ts). */
export type TabMessage = 'tab:archive-changed';
export type BackgroundMessage = Exclude<MessageType, TabMessage>;

/** What a handler knows of who sent the message. */
export interface SenderContext {
  kind: SenderKind;
  /** The tab a content script or an archive frame runs in; null for extension pages. */
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
    if (typeof message !== 'object' || message === null) return refuse('not-a-message', 'message must be an object');
    const { type, payload } = message as { type?: unknown; payload?: unknown };
    if (typeof type !== 'string' || !Object.hasOwn(rules, type) || !Object.hasOwn(handlers, type)) {
      return refuse('not-a-message', `unknown message type ${JSON.stringify(type)}`);
    }
    const rule = rules[type as K] as unknown as Rule<MessageType>;
    if (context === null || !rule.from.includes(context.kind)) return refuse('wrong-sender', `${type} is not accepted from this sender`);
    const checked = rule.check(payload);
    if (!checked.ok) return refuse('invalid-request', `${type}: ${checked.error}`);
    try {
      const handler = handlers[type as K] as unknown as (request: unknown, sender: SenderContext) => Promise<unknown>;
      return { ok: true, data: (await handler(checked.value, context)) as Response<MessageType> };
    } catch (error) {
      return refuse(codeOf(error), `${type} failed: ${detailOf(error)}`);
    }
  };
}

/** The sending end, over any transport (runtime.sendMessage or tabs.sendMessage in the extension). */
export function createSender(transport: (message: Message) => Promise<unknown>) {
  return async function send<K extends MessageType>(type: K, payload: Request<K>): Promise<Response<K>> {
    let reply: Reply<K> | undefined;
    try {
      reply = (await transport({ type, payload } as Message)) as Reply<K> | undefined;
    } catch (error) {
      throw new CodedError(codeOf(error), `${type}: ${detailOf(error)}`);
    }
    // No listener answered: the part that serves this type is not running (an extension reloaded under the page).
    if (!reply || typeof reply !== 'object') throw new CodedError('extension-restarted', `${type}: no reply from the extension`);
    if (!reply.ok) throw new CodedError(isErrorCode(reply.code) ? reply.code : 'failed', String(reply.detail));
    return reply.data;
  };
}
