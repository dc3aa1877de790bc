// An archive measurement run in Firefox instead of the bench's Chromium
// session: builds the bench build for Firefox (.output/firefox-mv3-bench),
// fills an archive there as run.mjs fills Chromium's, at 10,000 and 50,000
// articles (1,000 and 3,000 with BENCH_QUICK=1; BENCH_SIZES=10000,... for
// others), calls `measure(ctx)` at each size and prints the figures.
import { fileURLToPath } from 'node:url';
import { archiveHooks } from './archive-hooks.mjs';
import { fillArchive } from '../measurements/fill-archive.mjs';

// Filling and indexing tens of thousands through the bench hook are protocol calls of many minutes in Firefox.
const LONGEST_CALL_MS = 60 * 60_000;

async function measureInFirefox(what, measure) {
  const { build } = await import('wxt');
  const { launchWithExtension } = await import('../../test/e2e/browsers.mjs');
  const { renderTable } = await import('../table.mjs');
  process.env.NODE_ENV = 'production';
  const quick = process.env.BENCH_QUICK === '1';
  const sizes = process.env.BENCH_SIZES ? process.env.BENCH_SIZES.split(',').map(Number) : quick ? [1_000, 3_000] : [10_000, 50_000];
  const log = (message) => console.error(message);
  log('▶ build firefox bench');
  await build({ browser: 'firefox', manifestVersion: 3, mode: 'bench', outDirTemplate: 'firefox-mv3-bench' });
  const session = await launchWithExtension('firefox', { build: '.output/firefox-mv3-bench', protocolTimeout: LONGEST_CALL_MS });
  const figures = [];
  try {
    const controlTab = await session.browser.newPage();
    await session.openExtensionPage(controlTab, 'archive.html');
    const popupTab = await session.browser.newPage();
    await popupTab.setViewport({ width: 420, height: 600 });
    const ctx = {
      quick,
      runs: { popup: quick ? 3 : 9 },
      session,
      log,
      browserName: 'Firefox',
      // Firefox sends no load event for an extension page over BiDi: the session's own way to open one.
      openPage: (tab, path) => session.openExtensionPage(tab, path),
      controlPath: 'archive.html',
      controlTab,
      popupTab,
      hooks: archiveHooks(controlTab),
      archive: { size: 0, jsonBytes: 0 },
    };
    await ctx.hooks.clear();
    for (const size of sizes) {
      log(`▶ fill to ${size}`);
      await fillArchive(ctx, size);
      log(`▶ ${what} at ${size}`);
      figures.push(...(await measure(ctx)));
    }
  } finally {
    await session.close();
  }
  console.log(renderTable(figures));
  console.log(JSON.stringify(figures.map(({ id, median, p10, p90, note }) => ({ id, median, p10, p90, note })), null, 1));
}

/** Runs `measure` in Firefox when the module at `moduleUrl` is the one node was started with, as `node <file> firefox`. */
export function runInFirefoxWhenMain(moduleUrl, what, measure) {
  if (process.argv[1] !== fileURLToPath(moduleUrl) || process.argv[2] !== 'firefox') return;
  measureInFirefox(what, measure).catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
