import type { ArchiveDb } from '../../lib/archive/db';
import { getListing, saveArticle } from '../../lib/archive/articles';
import type { Handlers } from '../../lib/protocol';

/** What the background does for each message, over the one archive connection. */
export function archiveHandlers(archive: () => Promise<ArchiveDb>): Handlers {
  return {
    async 'article:save'({ record }) {
      const { savedAt, created } = await saveArticle(await archive(), record);
      return { savedAt, created };
    },
    async 'article:status'({ id }) {
      const listing = await getListing(await archive(), id);
      return { saved: listing !== undefined, savedAt: listing?.savedAt ?? null };
    },
  };
}
