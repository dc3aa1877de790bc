import { directionOf, type Quote } from '../../lib/quotes/quote-reply';
import { formatChangePct } from '../../lib/quotes/quote-snapshot';
import type { Mention } from '../../lib/article-model';

// A built-in element marked as ours, for the reason the overlay's host is one (shadow-host.ts).
const TAG = 'span';
const MARK = 'data-em-lens';
const OURS = `${TAG}[${MARK}="inline"]`;

const STYLE = `
:host { all: initial !important; display: inline !important; }
span { font: 0.8em/1 -apple-system, 'PingFang SC', 'Microsoft YaHei', sans-serif; margin: 0 0.2em; padding: 0 0.3em;
  border-radius: 3px; background: rgba(127, 127, 127, 0.12); color: #6b7280; white-space: nowrap; }
.up { color: var(--rise); } .down { color: var(--fall); }
@media (prefers-color-scheme: dark) { span { color: #a4abb6; } }
`;

// Red up and green down (or the other way round), readable on light and dark pages alike.
const RED = 'light-dark(#d9302c, #ff6e69)';
const GREEN = 'light-dark(#12803f, #3fcb7c)';

/**
 * Small quote chips right after each security's first mention in the text,
 * for readers who want the number where the name is. Each chip is its own
 * shadow root, so the page's styles leave it alone and its own stay in.
 */
export function syncInlineBadges(
  firstMentions: Map<string, Element>,
  mentions: Mention[],
  quotes: Record<string, Quote>,
  colours: 'red-up' | 'green-up',
  doubtful: ReadonlySet<string> = new Set(),
): void {
  const [rise, fall] = colours === 'red-up' ? [RED, GREEN] : [GREEN, RED];
  for (const mention of mentions) {
    const anchor = firstMentions.get(mention.secid);
    if (!anchor?.isConnected) continue;
    // After the mention's wrapper span (where Eastmoney's own quote slot sits), or after the mention itself.
    const after = anchor.parentElement?.matches('span[id^="stock_"], span[id^="bk_"]') ? anchor.parentElement : anchor;
    let host = after.nextElementSibling?.matches(OURS) ? (after.nextElementSibling as HTMLElement) : null;
    if (!host) {
      host = document.createElement(TAG);
      host.setAttribute(MARK, 'inline');
      const style = document.createElement('style');
      style.textContent = STYLE;
      host.attachShadow({ mode: 'open' }).append(style, document.createElement('span'));
      host.style.setProperty('color-scheme', 'light dark');
      after.after(host);
    }
    const quote = quotes[mention.secid];
    const chip = host.shadowRoot!.querySelector('span')!;
    const change = quote ? formatChangePct(quote.changePct) : '';
    chip.textContent = change || mention.code;
    chip.className = quote && quote.changePct !== null ? directionOf(quote.changePct) : '';
    host.setAttribute('data-secid', mention.secid);
    host.setAttribute('data-doubtful', String(doubtful.has(mention.secid)));
    host.setAttribute('data-doubtful-mentions', String(mention.relevance?.doubtfulMentions ?? 0));
    host.style.setProperty('--rise', rise);
    host.style.setProperty('--fall', fall);
  }
}

export function removeInlineBadges(root: ParentNode = document): void {
  for (const host of root.querySelectorAll(OURS)) host.remove();
}
