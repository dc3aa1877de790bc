import { useEffect, useState } from 'preact/hooks';
import type { SyncStatus } from '../../lib/sync/sync-config';
import { syncStatusText } from '../shared/sync-status-text';

export interface SyncSource {
  status(): Promise<SyncStatus>;
  /** Calls back with each status the background writes; returns the way to stop. */
  watch(callback: (status: SyncStatus) => void): () => void;
}

/**
 * The popup's line on sync: when it last ran and what it did, or what stopped
 * it, in plain words. Nothing while sync is off, so a reader who never turned
 * it on sees no line about it.
 */
export function SyncLine({ source }: { source: SyncSource }) {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  useEffect(() => {
    void source
      .status()
      .then(setStatus)
      .catch(() => {});
    return source.watch(setStatus);
  }, [source]);
  if (!status || status.state === 'off') return null;
  return (
    <p
      class="sync-line"
      data-role="sync-status"
      data-state={status.state}
      data-last-sync={status.lastSync ? new Date(status.lastSync).toISOString() : ''}
      role="status"
    >
      {syncStatusText(status)}
    </p>
  );
}
