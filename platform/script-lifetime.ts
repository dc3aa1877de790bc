import { browser } from 'wxt/browser';

/**
 * The life of one content script instance in a page: valid until the
 * extension under it is reloaded, updated or removed (its runtime is gone), or
 * until a newer instance of the same script starts in the same page (the
 * background injects it into a copy read from the toolbar, or an update
 * reinjects it). Timers and listeners taken through it end with it.
 *
 * WXT's content-script context does the same and more (its location watcher,
 * idle callbacks, animation frames), for some 4 kB of a script every article
 * page compiles in a fresh renderer; this is the part the overlay uses.
 */
export interface ScriptLifetime {
  /** False once invalidated; reading it notices a runtime that has gone. */
  readonly isValid: boolean;
  /** Runs `run` once, when the instance is invalidated; returns a function that takes it back. */
  onInvalidated(run: () => void): () => void;
  /** `setTimeout` that does not fire after invalidation. */
  setTimeout(run: () => void, ms: number): number;
  /** `setInterval` that stops at invalidation. */
  setInterval(run: () => void, ms: number): number;
  /** `addEventListener`, removed at invalidation. */
  addEventListener(target: EventTarget, type: string, handler: (event: Event) => void, options?: AddEventListenerOptions): void;
  /** Calls `run` with the new address whenever the page's own address changes (history API, hash). */
  onLocationChange(run: (url: URL) => void): void;
}

/** How often the address is compared where the Navigation API is missing. */
const LOCATION_POLL_MS = 1_000;

interface NavigateEvent extends Event {
  readonly destination: { readonly url: string };
}

/** The event a starting instance dispatches; every older instance of `name` in the page stops on it. */
function startedEventName(name: string): string {
  return `${browser.runtime.id}:${name}:started`;
}

export function startScriptLifetime(name: string, scope: Window = window): ScriptLifetime {
  const controller = new AbortController();
  const { signal } = controller;
  const id = Math.random().toString(36).slice(2);
  const event = startedEventName(name);
  const invalidate = () => controller.abort();

  const lifetime: ScriptLifetime = {
    get isValid() {
      if (browser.runtime?.id == null) invalidate();
      return !signal.aborted;
    },
    onInvalidated(run) {
      signal.addEventListener('abort', run, { once: true });
      return () => signal.removeEventListener('abort', run);
    },
    setTimeout(run, ms) {
      // Only guarded, not cleared at the end: a listener for each timeout would pile up
      // on a page whose mutations set and clear one after another (the overlay's settle timer).
      return scope.setTimeout(() => lifetime.isValid && run(), ms);
    },
    setInterval(run, ms) {
      const timer = scope.setInterval(() => lifetime.isValid && run(), ms);
      lifetime.onInvalidated(() => scope.clearInterval(timer));
      return timer;
    },
    addEventListener(target, type, handler, options) {
      target.addEventListener(type, handler, { ...options, signal });
    },
    onLocationChange(run) {
      let last = scope.location.href;
      const changedTo = (href: string) => {
        if (href === last) return;
        last = href;
        run(new URL(href));
      };
      const navigation = (scope as Window & { navigation?: EventTarget }).navigation;
      if (typeof navigation?.addEventListener === 'function') {
        lifetime.addEventListener(navigation, 'navigate', (navigate) => changedTo((navigate as NavigateEvent).destination.url));
      } else {
        lifetime.setInterval(() => changedTo(scope.location.href), LOCATION_POLL_MS);
      }
    },
  };

  // An instance that starts stops the older ones. Only the event's name and an
  // id go on it: the page sees every event on its document, and an id it
  // could fake would only take our overlay away, which it can do anyway.
  scope.document.dispatchEvent(new CustomEvent(event, { detail: id }));
  lifetime.addEventListener(scope.document, event, (started) => {
    if ((started as CustomEvent).detail !== id) invalidate();
  });
  return lifetime;
}
