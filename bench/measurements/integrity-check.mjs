// Durability issue: the integrity check (Check the archive on the settings
// page, bg:check-archive) over the archive at its current size, three runs,
// and what a reader's write waits meanwhile: the control tab sends a note
// edit every 250 ms while the check runs and times each answer, so a check
// that held writes back would show here.
import { figure } from '../stats.mjs';

const EDIT_EVERY_MS = 250;

export async function checkOnce(tab, id, every = EDIT_EVERY_MS) {
  return tab.evaluate(
    async (article, every) => {
      const runtime = (globalThis.browser ?? globalThis.chrome).runtime;
      const edits = [];
      let running = true;
      const edit = async (n) => {
        const sent = performance.now();
        const reply = await runtime.sendMessage({ type: 'bg:annotate-article', payload: { id: article, tags: ['bench'], note: `check ${n}` } });
        if (!reply?.ok) throw new Error(`edit refused: ${JSON.stringify(reply)}`);
        edits.push(performance.now() - sent);
      };
      const editing = (async () => {
        for (let n = 0; running && every > 0; n += 1) {
          await edit(n);
          await new Promise((done) => setTimeout(done, every));
        }
      })();
      const began = performance.now();
      const reply = await runtime.sendMessage({ type: 'bg:check-archive', payload: {} });
      const ms = performance.now() - began;
      running = false;
      await editing;
      if (!reply?.ok) throw new Error(`check failed: ${JSON.stringify(reply)}`);
      return { ms, articles: reply.data.articles, edits };
    },
    id,
    every,
  );
}

/** The id of one stored article, read in the extension's origin. */
export function someArticleId(tab) {
  return tab.evaluate(async () => {
    const request = (r) => new Promise((done, fail) => ((r.onsuccess = () => done(r.result)), (r.onerror = () => fail(r.error))));
    const db = await request(indexedDB.open('em-lens-archive'));
    const key = await request(db.transaction('articles').objectStore('articles').getKey(IDBKeyRange.lowerBound('')));
    db.close();
    return key;
  });
}

export async function measureIntegrityCheck(ctx) {
  const size = ctx.archive.size;
  if (!size) return [];
  const id = await someArticleId(ctx.controlTab);
  const runs = [];
  for (let i = 0; i < 3; i += 1) runs.push(await checkOnce(ctx.controlTab, id));
  const edits = runs.flatMap((run) => run.edits);
  const longest = Math.max(...edits);
  return [
    figure({
      id: `check.${size}`,
      label: `Integrity check, ${size.toLocaleString('en')} archived`,
      unit: 'ms',
      runs: runs.map((run) => run.ms),
      goal: size === 50_000 ? { max: 30_000, text: '< 30 s' } : null,
      note: `${runs[0].articles.toLocaleString('en')} articles checked; ${edits.length} note edits meanwhile, the longest answered in ${Math.round(longest)} ms`,
      detail: { runs },
    }),
  ];
}
