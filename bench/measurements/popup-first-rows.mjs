// Issue item 5: opening popup.html until its first rows are painted, with the
// archive at its current size. The bench build marks when the first
// [data-article-id] row (or, for an empty archive, the empty-archive note)
// enters the DOM and the frame after it, which has painted it
// (entrypoints/popup/bench-hooks.ts); times count from the popup's navigation start.
//
// `node bench/measurements/popup-first-rows.mjs firefox` builds the bench
// build for Firefox, fills an archive there as run.mjs fills Chromium's, and
// measures the same (BENCH_QUICK=1: 1,000 and 3,000 articles; BENCH_SIZES=10000 for others).
//
// Two cases. The popup a reader opens draws its first rows from the
// background's copy of the newest page (lib/archive/newest-page.ts), which
// any write through the background makes again; the bench fills the archive
// behind the background's back, so one write through it (the delete of an
// article that is not there) makes the copy as a save would. Without a copy
// (the first open after the browser starts, before the background has run),
// the popup waits for IndexedDB: the copy is taken away before each of those opens.
import { runInFirefoxWhenMain } from '../browser/firefox-archive-run.mjs';
import { GOALS } from '../goals.mjs';
import { figure, summarize } from '../stats.mjs';

const COPY_KEY = 'newestPage';

/** Firefox sends no load event for an extension page over BiDi: the session's own way to open one. */
const openPage = (ctx, tab, path) => (ctx.openPage ? ctx.openPage(tab, path) : tab.goto(`${ctx.session.extensionBase}/${path}`, { waitUntil: 'load' }));

async function openOnce(ctx) {
  const tab = ctx.popupTab;
  await tab.bringToFront();
  await openPage(ctx, tab, 'popup.html');
  await tab.waitForFunction(() => performance.getEntriesByName('em-lens:popup-painted').length > 0, { timeout: 60_000 });
  return tab.evaluate(() => ({
    rows: performance.getEntriesByName('em-lens:popup-rows')[0].startTime,
    from: performance.getEntriesByName('em-lens:popup-rows')[0].detail,
    painted: performance.getEntriesByName('em-lens:popup-painted')[0].startTime,
    listed: document.querySelectorAll('[data-article-id]').length,
  }));
}

/** One write through the background, which makes the copy again; waits until the copy counts `size` articles. */
async function makeCopy(ctx, size) {
  await ctx.controlTab.evaluate(async () => {
    const reply = await (globalThis.browser ?? globalThis.chrome).runtime.sendMessage({ type: 'bg:delete-article', payload: { id: '209912312359599999' } });
    if (!reply?.ok) throw new Error(`the background refused: ${JSON.stringify(reply)}`);
  });
  // The write took the old copy away before it began: a copy that counts `size` is the one made after it.
  await ctx.controlTab.waitForFunction(
    async (key, expected) => (await (globalThis.browser ?? globalThis.chrome).storage.session.get(key))[key]?.page?.total === expected,
    { timeout: 120_000, polling: 100 },
    COPY_KEY,
    size,
  );
}

const dropCopy = (ctx) => ctx.controlTab.evaluate((key) => (globalThis.browser ?? globalThis.chrome).storage.session.remove(key), COPY_KEY);

export async function measurePopupFirstRows(ctx) {
  // The control tab generated and stored the archive: its heap is full of the
  // records it was sent. Extension pages share one renderer, so collecting
  // that garbage would land in the popup's timings; a person's popup opens
  // without it. A reload drops it (the hooks work on the reloaded page).
  await openPage(ctx, ctx.controlTab, ctx.controlPath ?? 'popup.html');
  const size = ctx.archive.size;
  await makeCopy(ctx, size);
  await openOnce(ctx);
  // The two cases take turns, so that whatever the browser is still doing after the fill weighs on both alike.
  const withCopy = [];
  const withoutCopy = [];
  for (let i = 0; i < ctx.runs.popup; i += 1) {
    withCopy.push(await openOnce(ctx));
    await dropCopy(ctx);
    withoutCopy.push(await openOnce(ctx));
    await makeCopy(ctx, size);
  }
  const sources = (opens) => [...new Set(opens.map((open) => open.from))].join(', ');
  const label = (ctx.browserName ? `${ctx.browserName}: ` : '') + (size ? `Popup open → first rows painted, ${size.toLocaleString('en')} archived` : 'Popup open → empty-archive note painted');
  return [
    figure({
      id: `popup.${size}${ctx.browserName ? `.${ctx.browserName.toLowerCase()}` : ''}`,
      label,
      unit: 'ms',
      runs: withCopy.map((open) => open.painted),
      goal: GOALS[`popup.${size}`],
      note: `rows in DOM at ${Math.round(summarize(withCopy.map((open) => open.rows)).median)} ms, ${withCopy[0].listed} rows, drawn from: ${sources(withCopy)}`,
    }),
    figure({
      id: `popup.${size}${ctx.browserName ? `.${ctx.browserName.toLowerCase()}` : ''}.no-copy`,
      label: `${label}, no copy of the newest page (first open after the browser starts)`,
      unit: 'ms',
      runs: withoutCopy.map((open) => open.painted),
      note: `rows in DOM at ${Math.round(summarize(withoutCopy.map((open) => open.rows)).median)} ms, drawn from: ${sources(withoutCopy)}`,
    }),
  ];
}

runInFirefoxWhenMain(import.meta.url, 'popup', measurePopupFirstRows);
