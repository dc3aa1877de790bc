/**
 * The securities an article body marks up, counted.
 *
 * First mentions are links inside `span#stock_…` / `span#bk_…`; later ones are
 * bare `.em_stock_key_common[data-code]` spans. 百科 keywords share the class
 * but carry no data-code, and `Info.` topic links are not securities.
 */
import { collectNoise, isInNoise } from './article-noise';
import {
  securityFromDataCode,
  securityFromHref,
  securityFromMarkupId,
  type Security,
} from './securities';

export const MENTION_SELECTOR =
  'span[id^="stock_"] a.keytip, span[id^="bk_"] a.keytip, .em_stock_key_common[data-code]';

export interface Mention extends Security {
  /** The name as the article writes it at its first mention. */
  name: string;
  /** How many marked mentions the body has. */
  count: number;
  /** 0 for the security mentioned first, 1 for the next, … */
  order: number;
}

export function securityOfMentionElement(element: Element): Security | null {
  const dataCode = element.getAttribute('data-code') ?? '';
  const wrapper = element.matches('a.keytip') ? element.parentElement : null;
  const wrapperId = wrapper?.id ?? '';
  const hint = wrapperId.startsWith('bk_') ? 'sector' : wrapperId.startsWith('stock_') ? 'stock' : null;
  // A market written in data-code is the most direct statement; a bare code
  // is guessed from last, after every place that names the market.
  if (/^\s*\d{1,3}\s*,/.test(dataCode) && dataCode.split(',').length === 2) {
    const explicit = securityFromDataCode(dataCode, hint);
    if (explicit) return explicit;
  }
  return (
    (wrapperId ? securityFromMarkupId(wrapperId) : null) ??
    securityFromHref(element.getAttribute('href') ?? '') ??
    (dataCode ? securityFromDataCode(dataCode, hint) : null)
  );
}

/** Marked mention elements of `body` that are part of the article, in document order. */
export function mentionElements(body: Element): Array<{ element: Element; security: Security }> {
  const noise = collectNoise(body);
  const memo = new Map<Element, boolean>();
  const found: Array<{ element: Element; security: Security }> = [];
  const marked = new Set(body.querySelectorAll(MENTION_SELECTOR));
  for (const element of marked) {
    if (isInNoise(element, body, noise, memo)) continue;
    // Markup nested in markup (a repeat span inside a first-mention link) is one mention.
    if (hasMarkedAncestor(element, body, marked)) continue;
    const security = securityOfMentionElement(element);
    if (security) found.push({ element, security });
  }
  return found;
}

function hasMarkedAncestor(element: Element, body: Element, marked: Set<Element>): boolean {
  for (let node = element.parentElement; node && node !== body; node = node.parentElement) {
    if (marked.has(node)) return true;
  }
  return false;
}

export type MarkedMention = { element: Element; security: Security };

/** One entry per security, in order of first appearance. */
export function readMentions(body: Element): Mention[] {
  return countMentions(mentionElements(body));
}

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
