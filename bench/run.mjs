// `npm run bench`: builds the bench and production Chromium builds, measures
// the numbers a user feels in real Chromium, prints one table and writes
// bench/results.json. See bench/README.md. Never part of `npm test`; a goal
// missed is reported, not failed.
//
// BENCH_QUICK=1 runs 3 of everything and smaller archives, for development.
// BENCH_ENGINES=chrome runs the new-tab measurement in Chromium only.
// BENCH_KEEP_PROFILE=1 keeps the Chromium profile under bench/profiles/.
// BENCH_ONLY=extraction,overlay runs only the measurements whose function
// names contain one of the words, and writes bench/results-only.json instead.
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { BENCH_BUILD, FIREFOX_PRODUCTION_BUILD, PRODUCTION_BUILD, buildBench, buildFirefoxProduction, buildProductionWithStats } from './build.mjs';
import { archiveHooks } from './browser/archive-hooks.mjs';
import { CHROMIUM, launchChromium } from './browser/launch.mjs';
import { servePages } from './browser/routes.mjs';
import { benchPages } from './generate/pages.mjs';
import { describeMachine } from './machine.mjs';
import { describeSource } from './source.mjs';
import { measureBundleSize } from './measurements/bundle-size.mjs';
import { measureExtractionFloor } from './measurements/extraction-floor.mjs';
import { measureNewTabLoad } from './measurements/new-tab-load.mjs';
import { fillArchive } from './measurements/fill-archive.mjs';
import { measureOverlayLatency } from './measurements/overlay-latency.mjs';
import { measurePageLoadOverhead } from './measurements/page-load-overhead.mjs';
import { measurePopupFirstRows } from './measurements/popup-first-rows.mjs';
import { measureRelevanceCost } from './measurements/relevance-cost.mjs';
import { measureSaveLatency } from './measurements/save-latency.mjs';
import { measureSearchLatency } from './measurements/search-latency.mjs';
import { measureStorage } from './measurements/storage-per-article.mjs';
import { measureTimelineLatency } from './measurements/timeline-latency.mjs';
import { measureSyncRuns } from './measurements/sync-runs.mjs';
import { measureIntegrityCheck } from './measurements/integrity-check.mjs';
import { renderTable } from './table.mjs';

const QUICK = process.env.BENCH_QUICK === '1';
// A scan reads every stored body, seconds at 50,000 articles: fewer of those.
const RUNS = QUICK
  ? { overlay: 3, overlayHeavy: 3, extraction: 3, pairs: 3, save: 3, popup: 3, search: 3, scan: 3 }
  : { overlay: 9, overlayHeavy: 5, extraction: 7, pairs: 11, save: 9, popup: 9, search: 9, scan: 3 };
const ARCHIVE_SIZES = QUICK ? [0, 1_000, 3_000] : [0, 10_000, 50_000];

// Each measurement is one function in its own file under measurements/,
// taking the shared context and returning figures. Page measurements run once;
// archive measurements run at every archive size.
const BUILD_MEASUREMENTS = [measureBundleSize];
const PAGE_LOAD_MEASUREMENTS = [measureNewTabLoad, measurePageLoadOverhead];
const PAGE_MEASUREMENTS = [measureOverlayLatency, measureExtractionFloor, measureRelevanceCost];
// Storage first: it waits for LevelDB to settle after filling, so that the
// timings after it see an archive at rest.
const ARCHIVE_MEASUREMENTS = [measureStorage, measureSaveLatency, measurePopupFirstRows, measureSearchLatency, measureTimelineLatency, measureIntegrityCheck];
// Sync launches two browsers of its own and a WebDAV server: after the main session has closed.
const SYNC_MEASUREMENTS = [measureSyncRuns];

const log = (message) => console.error(message);

// The new-tab measurement runs in both; the rest of the bench in Chromium.
const ENGINES = (process.env.BENCH_ENGINES ?? 'chrome,firefox').split(',').map((name) => name.trim()).filter(Boolean);

const ONLY = (process.env.BENCH_ONLY ?? '').toLowerCase().split(',').map((word) => word.trim()).filter(Boolean);
const chosen = (measures) => (ONLY.length ? measures.filter((measure) => ONLY.some((word) => measure.name.toLowerCase().includes(word))) : measures);

// The table lists figures in the issue's order, whatever order they ran in.
const ORDER = ['newTab', 'overlay', 'reading', 'relevance', 'relevanceShown', 'pageLoad', 'extractionRatio', 'mentionsRatio', 'save', 'popup', 'search', 'searchScanRatio', 'timeline', 'check', 'storage', 'fill', 'index', 'sync', 'bundle'];
const inIssueOrder = (figures) =>
  [...figures].sort((a, b) => ORDER.indexOf(a.id.split('.')[0]) - ORDER.indexOf(b.id.split('.')[0]));

async function timed(name, work) {
  const started = performance.now();
  log(`▶ ${name}`);
  const figures = await work();
  log(`  ${name}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return figures;
}

async function main() {
  const started = performance.now();
  const machine = describeMachine(CHROMIUM);
  const source = describeSource();
  const figures = [];
  // BENCH_SKIP_BUILD=1 measures the builds already in .output (while working on the bench itself).
  if (process.env.BENCH_SKIP_BUILD !== '1') await timed('build', async () => {
    await buildBench();
    await buildProductionWithStats();
    if (ENGINES.includes('firefox')) await buildFirefoxProduction();
  });
  for (const measure of chosen(BUILD_MEASUREMENTS)) figures.push(...(await timed(measure.name, () => measure())));

  const pages = benchPages();
  const generated = new Map(pages.filter((page) => page.html).map((page) => [page.url, page.html]));
  // Page-load overhead launches its own pair of browsers: run it before this
  // session opens, so that nothing else runs beside them.
  const ctx = { quick: QUICK, runs: RUNS, pages, generated, benchBuild: BENCH_BUILD, builds: { chrome: PRODUCTION_BUILD, firefox: FIREFOX_PRODUCTION_BUILD }, engines: ENGINES, log };
  for (const measure of chosen(PAGE_LOAD_MEASUREMENTS)) figures.push(...(await timed(measure.name, () => measure(ctx))));

  const session = await launchChromium({ name: 'with-extension', extensionDir: BENCH_BUILD });
  try {
    const controlTab = await session.browser.newPage();
    await controlTab.goto(`${session.extensionBase}/popup.html`, { waitUntil: 'load' });
    const articleTab = await session.browser.newPage();
    await articleTab.setViewport({ width: 1100, height: 760 });
    await servePages(articleTab, generated);
    const popupTab = await session.browser.newPage();
    await popupTab.setViewport({ width: 420, height: 600 });
    Object.assign(ctx, {
      session,
      controlTab,
      articleTab,
      popupTab,
      hooks: archiveHooks(controlTab),
      popupHooks: archiveHooks(popupTab),
      archive: { size: 0, jsonBytes: 0 },
      storageBaseline: null,
    });
    await ctx.hooks.clear();

    for (const measure of chosen(PAGE_MEASUREMENTS)) figures.push(...(await timed(measure.name, () => measure(ctx))));
    for (const size of chosen(ARCHIVE_MEASUREMENTS).length ? ARCHIVE_SIZES : []) {
      figures.push(...(await timed(`fill to ${size}`, () => fillArchive(ctx, size))));
      for (const measure of chosen(ARCHIVE_MEASUREMENTS)) figures.push(...(await timed(`${measure.name} at ${size}`, () => measure(ctx))));
    }
  } finally {
    await session.close({ keepProfile: process.env.BENCH_KEEP_PROFILE === '1' });
  }
  for (const measure of chosen(SYNC_MEASUREMENTS)) figures.push(...(await timed(measure.name, () => measure(ctx))));

  machine.loadAverageAtEnd = loadavg().map((value) => Math.round(value * 100) / 100);
  const results = {
    machine,
    source,
    quick: QUICK,
    runs: RUNS,
    archiveSizes: ARCHIVE_SIZES,
    durationSeconds: Math.round((performance.now() - started) / 100) / 10,
    figures,
  };
  const written = ONLY.length ? 'bench/results-only.json' : 'bench/results.json';
  writeFileSync(written, `${JSON.stringify({ ...results, only: ONLY.length ? ONLY : undefined }, null, 2)}\n`);
  console.log(`\nEM Lens bench — ${machine.cpu} × ${machine.cores}, ${machine.memoryGiB} GiB, ${machine.browser}, ${machine.date}${QUICK ? ' (BENCH_QUICK)' : ''}\n`);
  console.log(renderTable(inIssueOrder(figures)));
  const missed = figures.filter((row) => row.goal && !row.goal.met).length;
  console.log(`\n${figures.filter((row) => row.goal).length - missed} goals met, ${missed} missed; ${results.durationSeconds} s; written to ${written}`);
}

main().catch((error) => {
  console.error(error);
  // Whatever is still open (a browser mid-launch) must not keep the bench alive.
  process.exit(1);
});
