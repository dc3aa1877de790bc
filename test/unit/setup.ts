import 'fake-indexeddb/auto';

// jsdom (used by the files that sanitise) has no animation frames unless told
// to pretend it renders; Preact's effects schedule with them.
if (typeof globalThis.requestAnimationFrame !== 'function') {
  globalThis.requestAnimationFrame = (callback: FrameRequestCallback) =>
    setTimeout(() => callback(performance.now()), 16) as unknown as number;
  globalThis.cancelAnimationFrame = (handle: number) => clearTimeout(handle);
}
