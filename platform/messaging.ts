/**
 * The extension's side of lib/protocol.ts: sending over runtime messaging, and
 * receiving with each sender classified. Shared by every entrypoint.
 */
import { browser, type Browser } from 'wxt/browser';
import { createReceiver, createSender, type Handlers, type MessageType, type Rules, type SenderContext } from '../lib/protocol';

/** To the background (from a content script or an extension page); from the background, to every extension page and archive frame. */
export const send = createSender((message) => browser.runtime.sendMessage(message));

/**
 * From the background: tell a tab's archive frame to ask again, through the
 * tab's content script (Firefox does not hand the background's broadcasts to
 * an extension frame inside a web page). A tab without one refuses; fine.
 */
export function nudgeFrame(tabId: number): void {
  void sendToTab(tabId)('tab:archive-changed', {}).catch(() => {});
}

/** The archive frame's page, which WXT builds from entrypoints/overlay-frame/. */
export const ARCHIVE_FRAME_PATH = '/overlay-frame.html';

/** To the content script of one tab. */
export function sendToTab(tabId: number) {
  return createSender((message) => browser.tabs.sendMessage(tabId, message));
}

/**
 * Who sent a message, as far as the protocol cares. Only this extension's own
 * pages and content scripts are answered; a web page cannot reach here at all
 * (no externally_connectable), and anything else is refused.
 */
function senderOf(sender: Browser.runtime.MessageSender): SenderContext | null {
  if (sender.id !== browser.runtime.id) return null;
  if (sender.url?.startsWith(browser.runtime.getURL('/'))) {
    // The archive frame is the extension's own page, inside a tab's overlay: it speaks for that tab's article only.
    const frame = sender.url.startsWith(browser.runtime.getURL(ARCHIVE_FRAME_PATH)) && sender.tab?.id !== undefined;
    return frame ? { kind: 'overlay-frame', tabId: sender.tab!.id!, frameId: sender.frameId ?? null } : { kind: 'extension-page', tabId: null, frameId: null };
  }
  if (sender.tab?.id !== undefined) return { kind: 'content-script', tabId: sender.tab.id, frameId: sender.frameId ?? 0 };
  return null;
}

/**
 * Answers the message types in `handlers`, under `rules` (protocol-background.ts
 * or protocol-frame.ts); other types are left to other
 * listeners (Firefox and Chrome both allow several), so a page of the
 * extension and its background never answer for each other.
 */
export function receive<K extends MessageType>(rules: Rules<K>, handlers: Handlers<K>): () => void {
  const handle = createReceiver(rules, handlers);
  // sendResponse and `return true`, not a returned promise: the content
  // script runs without the polyfill, and Chrome answers only this way.
  const listener = (message: unknown, sender: Browser.runtime.MessageSender, sendResponse: (reply: unknown) => void) => {
    const type = (message as { type?: unknown } | null)?.type;
    if (typeof type !== 'string' || !Object.hasOwn(handlers, type)) return false;
    void handle(message, senderOf(sender)).then(sendResponse);
    return true;
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}
