import { browser } from 'wxt/browser';
import type { ArchiveEvents } from '../../lib/archive/archive-events';
import { changeCorrection, importCorrections, listCorrections, rejudgeArchive } from '../../lib/archive/corrections-store';
import type { ArchiveDb } from '../../lib/archive/schema';
import type { Writing } from '../../lib/archive/write-marker';
import type { Handlers } from '../../lib/protocol';
import { BACKGROUND_RULES } from '../../lib/protocol-background';
import { CORRECTIONS_STORAGE_KEY, type Corrections } from '../../lib/relevance/corrections';
import { judgePage } from '../../lib/relevance/page-judgement';
import { receive } from '../../platform/messaging';

/** The messages this module answers. */
export const RELEVANCE_MESSAGES = ['bg:judge-page', 'bg:correct-mention', 'bg:import-corrections', 'bg:rejudge-archive'] as const;

type RelevanceMessage = (typeof RELEVANCE_MESSAGES)[number];

/**
 * The archive holds the corrections (with the counts they change, in one
 * transaction); extension storage holds a copy every tab watches, so a
 * correction shows at once in every open tab. The page can read neither.
 */
async function publish(corrections: Corrections): Promise<void> {
  await browser.storage.local.set({ [CORRECTIONS_STORAGE_KEY]: corrections });
}

export function relevanceHandlers(
  archive: () => Promise<ArchiveDb>,
  share = publish,
  events?: ArchiveEvents,
  /** Around each write of the archive (background/index.ts); by default just runs it. */
  writing: Writing = (write) => write(),
): Handlers<RelevanceMessage> {
  // Every article opened asks; the corrections change only here and by sync, so they are read once and kept.
  let known: Promise<Corrections> | null = null;
  events?.subscribe((event) => {
    if (event.type !== 'corrections-changed' || event.by !== 'sync') return;
    known = null;
    void archive()
      .then(listCorrections)
      .then(share)
      .catch(() => {});
  });
  const changed = () => events?.emit({ type: 'corrections-changed', by: 'reader' });
  const corrections = () => {
    known ??= archive().then(listCorrections);
    known.catch(() => (known = null));
    return known;
  };
  return {
    async 'bg:judge-page'(request) {
      return judgePage(request, await corrections());
    },
    async 'bg:correct-mention'({ change }) {
      known = null;
      const db = await archive();
      const corrections = await writing(() => changeCorrection(db, change));
      await share(corrections);
      changed();
      return { corrections: Object.keys(corrections).length };
    },
    async 'bg:import-corrections'({ corrections }) {
      known = null;
      const db = await archive();
      const taken = await writing(() => importCorrections(db, corrections));
      if (taken) {
        await share(await listCorrections(db));
        changed();
      }
      return { taken };
    },
    async 'bg:rejudge-archive'() {
      const db = await archive();
      return writing(() => rejudgeArchive(db));
    },
  };
}

/** Verdicts, corrections and re-judging, answered in the background; the tabs' copy refreshed from the archive on start. */
export function setupRelevance(archive: () => Promise<ArchiveDb>, events: ArchiveEvents, writing?: Writing): void {
  receive(BACKGROUND_RULES, relevanceHandlers(archive, publish, events, writing));
  // A copy written before a crash may lag the archive: the archive is what counts.
  void archive()
    .then(listCorrections)
    .then(publish)
    .catch(() => {});
}
