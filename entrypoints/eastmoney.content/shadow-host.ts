/**
 * The overlay's place in the page: an `<em-lens-overlay>` element inserted
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

const HOST_NAME = 'em-lens-overlay';
const PAGE_KEYS = ['keydown', 'keyup', 'keypress'];

export function mountOverlayHost(before: Element, css: string): OverlayHost {
  const host = document.createElement(HOST_NAME);
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
