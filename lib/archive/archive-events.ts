/**
 * What happened to the archive, as one stream that the background's parts
 * subscribe to: the search indexer, the toolbar badge and the tabs (and any
 * later part, such as sync), each on its own, instead of one handler that
 * knows them all.
 */
import type { ArticleStatus } from '../article-model';

export type ArchiveEvent =
  /** An article was saved, annotated, deleted or restored. `tabId`: the tab whose overlay asked, which has its answer already. */
  | { type: 'article-changed'; id: string; status: ArticleStatus; tabId: number | null }
  /** A batch of articles was imported. */
  | { type: 'articles-imported'; count: number }
  /** A tab's overlay showed an article and asked whether it is archived. */
  | { type: 'article-shown'; tabId: number; id: string; saved: boolean }
  /** The reader's relevance corrections changed: by the reader here, or by sync from another device. */
  | { type: 'corrections-changed'; by: 'reader' | 'sync' };

export type ArchiveListener = (event: ArchiveEvent) => void;

export interface ArchiveEvents {
  emit(event: ArchiveEvent): void;
  /** Returns the way to stop listening. */
  subscribe(listener: ArchiveListener): () => void;
}

export function createArchiveEvents(): ArchiveEvents {
  const listeners = new Set<ArchiveListener>();
  return {
    emit(event) {
      for (const listener of listeners) {
        // One part's failure is its own: the others still hear the event.
        try {
          listener(event);
        } catch (error) {
          console.warn('[EM Lens] an archive listener failed', error);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
