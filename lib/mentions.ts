/**
 * The securities an article body marks up, counted.
 *
 * First mentions are links inside `span#stock_…` / `span#bk_…`; later ones are
 * bare `.em_stock_key_common[data-code]` spans. Older pages give some only in
 * the address: `<a class="em_stock_key_common" href="…/r/0.002353">` with no
 * data-code, or a keytip outside any wrapper whose data-code lacks the market
 * its `/r/<market>.<code>` link has. 百科 keywords share the class but link to
 * baike.eastmoney.com, and `Info.` topic links are not securities.
 */
import type { Mention } from './article-model';
import { isNoiseElement, isNoiseInlineElement } from './article-noise';
import {
  securityFromDataCode,
  securityFromHref,
  securityFromMarkupId,
  type Security,
} from './securities';

export const MENTION_SELECTOR =
  'span[id^="stock_"] a.keytip, span[id^="bk_"] a.keytip, .em_stock_key_common[data-code], .em_stock_key_common[href*="/r/"], a.keytip[href*="/r/"]';


export function securityOfMentionElement(element: Element): Security | null {
  return securityOf(
    element.getAttribute('data-code') ?? '',
    isKeytipLink(element) ? (element.parentElement?.id ?? '') : '',
    element.getAttribute('href') ?? '',
  );
}

function isKeytipLink(element: Element): boolean {
  return element.localName === 'a' && element.classList.contains('keytip');
}

function securityOf(dataCode: string, wrapperId: string, href: string): Security | null {
  const hint = wrapperId.startsWith('bk_') ? 'sector' : wrapperId.startsWith('stock_') ? 'stock' : null;
  // A market written in data-code is the most direct statement; a bare code
  // is guessed from last, after every place that names the market.
  return (
    explicitSecurity(dataCode) ??
    (wrapperId ? securityFromMarkupId(wrapperId) : null) ??
    securityFromHref(href) ??
    (dataCode ? securityFromDataCode(dataCode, hint) : null)
  );
}

/** A market written in data-code ("0,000931"): it says all there is, whatever wraps the element. */
function explicitSecurity(dataCode: string): Security | null {
  return /^\s*\d{1,3}\s*,/.test(dataCode) && dataCode.split(',').length === 2 ? securityFromDataCode(dataCode) : null;
}

/** What is known of an element on the way up from a mention to the body. */
const IN_NOISE = 1;
const IN_MENTION = 2;

/**
 * Marked mention elements of `body` that are part of the article, in document order.
 *
 * Driven from the mentions, as cheaply as the DOM allows: one selector pass,
 * then per mention its parent's remembered state (ancestors are looked at once
 * each, and mentions share paragraphs), a cheap look at its own markup, and
 * its data-code, parsed once per distinct value.
 */
export function mentionElements(body: Element): MarkedMention[] {
  const marked = body.querySelectorAll(MENTION_SELECTOR);
  const states = new Map<Element, number>();
  const byDataCode = new Map<string, Security | null>();
  const byMarkup = new Map<string, Security | null>();
  const found: MarkedMention[] = [];
  // Indexing the static NodeList is several times cheaper than iterating it.
  for (let i = 0; i < marked.length; i += 1) {
    const element = marked[i]!;
    const parent = element.parentElement!;
    if (parent !== body && (states.get(parent) ?? stateOf(parent, body, states)) !== 0) continue;
    if (isNoiseInlineElement(element)) continue;
    const dataCode = element.getAttribute('data-code');
    let security = dataCode === null ? undefined : byDataCode.get(dataCode);
    if (security === undefined && dataCode !== null) {
      security = explicitSecurity(dataCode);
      byDataCode.set(dataCode, security);
    }
    if (!security) {
      // No market in data-code: the wrapper's id and the link say more.
      const wrapperId = isKeytipLink(element) ? parent.id : '';
      const href = element.getAttribute('href') ?? '';
      const key = `${dataCode ?? ''}\n${wrapperId}\n${href}`;
      security = byMarkup.get(key);
      if (security === undefined) {
        security = securityOf(dataCode ?? '', wrapperId, href);
        byMarkup.set(key, security);
      }
    }
    if (security) found.push({ element, security });
  }
  return found;
}

/** IN_NOISE and IN_MENTION for `element`, seen from a mention below it, remembered with its ancestors in `states`. */
function stateOf(element: Element, body: Element, states: Map<Element, number>): number {
  const path: Element[] = [];
  let state = 0;
  for (let node: Element | null = element; node && node !== body; node = node.parentElement) {
    const known = states.get(node);
    if (known !== undefined) {
      state = known;
      break;
    }
    path.push(node);
  }
  // Down from the highest unknown ancestor: each inherits what lies above it.
  for (let i = path.length - 1; i >= 0; i -= 1) {
    const node = path[i]!;
    if (!(state & IN_NOISE) && isNoiseElement(node)) state |= IN_NOISE;
    if (!(state & IN_MENTION) && node.hasAttributes() && node.matches(MENTION_SELECTOR)) state |= IN_MENTION;
    states.set(node, state);
  }
  return state;
}

export type MarkedMention = { element: Element; security: Security };

/** The marked mentions of a body, counted: one entry per security, in order of first appearance. */
export function countMentions(found: MarkedMention[]): Mention[] {
  const bySecid = new Map<string, Mention>();
  for (const { element, security } of found) {
    const known = bySecid.get(security.secid);
    if (known) {
      known.count += 1;
      continue;
    }
    const name = (element.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 64) || security.code;
    bySecid.set(security.secid, { ...security, name, count: 1, order: bySecid.size });
  }
  return [...bySecid.values()];
}

/** Most mentioned first; ties keep the order the article introduces them. */
export function byProminence(a: Mention, b: Mention): number {
  return b.count - a.count || a.order - b.order;
}
