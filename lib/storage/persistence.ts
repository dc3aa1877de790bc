/**
 * Asking the browser to keep the archive when the disk runs short
 * (persistent storage), and reading what it answered. Takes the storage
 * manager as an argument: navigator.storage in a page, and in a worker,
 * where `persist` does not exist (it is exposed to windows only).
 */

/** The part of navigator.storage used here. */
export interface StorageManagerLike {
  persisted?: () => Promise<boolean>;
  persist?: () => Promise<boolean>;
  estimate?: () => Promise<{ usage?: number; quota?: number }>;
}

/** persisted: the browser will not evict it; best-effort: it may; unknown: this context cannot tell. */
export type Persistence = 'persisted' | 'best-effort' | 'unknown';

/** What keeps the archive: as Persistence, or unlimited: not reported persistent, but exempt from eviction. */
export type Keeping = Persistence | 'unlimited';

/**
 * Chrome reports an extension's storage as not persisted (persist() answers
 * false without site engagement) even with `unlimitedStorage`, whose origins
 * its quota manager never picks for eviction. Firefox turns
 * `unlimitedStorage` into persistent storage, and says so.
 */
export function keepingOf(persistence: Persistence, unlimitedStorage: boolean): Keeping {
  return persistence !== 'persisted' && unlimitedStorage ? 'unlimited' : persistence;
}

/** What the browser says now, without asking for anything. */
export async function readPersistence(storage: StorageManagerLike | undefined): Promise<Persistence> {
  if (!storage?.persisted) return 'unknown';
  try {
    return (await storage.persisted()) ? 'persisted' : 'best-effort';
  } catch {
    return 'unknown';
  }
}

/**
 * Asks for persistent storage where this context can and it is not granted
 * yet, and returns what holds afterwards. Asking again once granted changes
 * nothing, so it is asked only when needed.
 */
export async function askPersistence(storage: StorageManagerLike | undefined): Promise<Persistence> {
  const now = await readPersistence(storage);
  if (now === 'persisted' || !storage?.persist) return now;
  try {
    return (await storage.persist()) ? 'persisted' : 'best-effort';
  } catch {
    return now;
  }
}

/** The archive's usage and quota as the browser estimates them, or null where it cannot. */
export async function readEstimate(storage: StorageManagerLike | undefined): Promise<{ usage?: number; quota?: number } | null> {
  if (!storage?.estimate) return null;
  try {
    return await storage.estimate();
  } catch {
    return null;
  }
}
