/**
 * The overlay's place in the page: a `<div data-em-lens="overlay">` inserted
 * before the article body, with an open shadow root holding its own
 * html/head/body. `:host { all: initial }` keeps the page's styles out, the
 * shadow root keeps the overlay's in, and keys typed in the overlay (tags, a
 * note) do not reach the page's shortcuts.
 *
 * This is what WXT's createShadowRootUi builds for an inline UI; written out
 * here without its auto-mounting and CSS loading, which the overlay does not
 * use, to keep about 10 kB out of a script that runs on every article page.
 */
export interface OverlayHost {
  /** Where the UI renders. */
  container: HTMLElement;
  remove(): void;
}

/**
 * A built-in element, not a custom one: a page that defines a custom element
 * of our name first would get its own constructor run on our host (and its
 * shadow root in place of ours). No page can define what a div is.
 */
const HOST_TAG = 'div';
export const HOST_ATTRIBUTE = 'data-em-lens';
const PAGE_KEYS = ['keydown', 'keyup', 'keypress'];

export function mountOverlayHost(before: Element, css: string): OverlayHost {
  const host = document.createElement(HOST_TAG);
  host.setAttribute(HOST_ATTRIBUTE, 'overlay');
  const shadow = host.attachShadow({ mode: 'open' });
  const html = document.createElement('html');
  const head = document.createElement('head');
  const body = document.createElement('body');
  const style = document.createElement('style');
  style.textContent = `:host{all:initial !important;}\n${css}`;
  head.append(style);
  html.append(head, body);
  shadow.append(html);
  for (const type of PAGE_KEYS) body.addEventListener(type, (event) => event.stopPropagation());
  before.parentElement?.insertBefore(host, before);
  return {
    container: body,
    remove: () => host.remove(),
  };
}
