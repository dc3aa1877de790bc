import { browser, type Browser } from 'wxt/browser';
import { createReceiver, type Handlers, type SenderKind } from '../../lib/protocol';

/**
 * Who sent a message, as far as the protocol cares. Only this extension's own
 * pages and content scripts are answered; a page cannot reach here at all
 * (no externally_connectable), and anything else is refused.
 */
function senderKind(sender: Browser.runtime.MessageSender): SenderKind | null {
  if (sender.id !== browser.runtime.id) return null;
  const ownOrigin = browser.runtime.getURL('/');
  if (sender.url?.startsWith(ownOrigin)) return 'extension-page';
  if (sender.tab?.id !== undefined) return 'content-script';
  return null;
}

export function setupProtocol(handlers: Handlers): void {
  const receive = createReceiver(handlers);
  browser.runtime.onMessage.addListener((message: unknown, sender: Browser.runtime.MessageSender) =>
    receive(message, senderKind(sender)),
  );
}
