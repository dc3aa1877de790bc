/**
 * Knowing at start-up whether the background last stopped in the middle of
 * writing the archive (the browser killed, the machine off), so that the
 * integrity check runs then and not at every start.
 *
 * A marker in extension storage is set before a write begins and cleared once
 * no write has been in flight for `idleMs`. Both browsers stop an idle
 * background only after 30 s without events, and a clean quit lets it finish
 * what it runs; so a marker still set when the background starts means the
 * last one stopped during a write or within `idleMs` of one. (A clean quit
 * within those seconds costs one needless check, nothing more.) The store is
 * passed in: extension storage in the background, a map in tests.
 */

/** Runs one write of the archive with whatever must go around it (the marker, the popup's copy of the newest page). */
export type Writing = <T>(write: () => Promise<T>) => Promise<T>;

export interface MarkerStore {
  get(): Promise<boolean>;
  set(writing: boolean): Promise<void>;
}

export interface WriteMarker {
  /** Runs one write of the archive with the marker set around it. */
  during<T>(write: () => Promise<T>): Promise<T>;
  /** Was the marker left set by the last background? Read once, at start, before any write. */
  leftSet(): Promise<boolean>;
}

/** Long enough that a burst of saves or an import's batches set the marker once. */
export const MARKER_IDLE_MS = 2_000;

export function createWriteMarker(
  store: MarkerStore,
  timer: { set(callback: () => void, ms: number): unknown; clear(handle: unknown): void } = {
    set: (callback, ms) => setTimeout(callback, ms),
    clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  },
  idleMs = MARKER_IDLE_MS,
): WriteMarker {
  // Read before this background's first write can set it.
  const atStart = store.get().catch(() => false);
  let inFlight = 0;
  let marked: Promise<void> | null = null;
  let clearing: unknown = null;

  const clearWhenIdle = () => {
    clearing = timer.set(() => {
      clearing = null;
      if (inFlight > 0 || !marked) return;
      marked = null;
      void store.set(false).catch(() => {});
    }, idleMs);
  };

  return {
    async during(write) {
      inFlight += 1;
      if (clearing !== null) {
        timer.clear(clearing);
        clearing = null;
      }
      try {
        await atStart;
        // The marker is on disk before the write starts; a write that cannot set it still runs.
        marked ??= store.set(true).catch(() => {});
        await marked;
        return await write();
      } finally {
        inFlight -= 1;
        if (inFlight === 0) clearWhenIdle();
      }
    },
    leftSet: () => atStart,
  };
}
