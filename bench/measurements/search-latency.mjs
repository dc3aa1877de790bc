// Issue item 6 (search): how long the first page of results takes, with the
// archive at its current size, for a common term, a rare one and a stock
// code. Each is timed in the popup tab (the extension's origin) around
// queryArchive as the archive list calls it: the ranked first page, snippets
// and all (entrypoints/popup/bench-hooks.ts). Then the same query answered
// without the index: a cursor over every stored body, testing
// bodyText.includes(query) on each; the figure is how many times slower that is.
import { GOALS } from '../goals.mjs';
import { figure, summarize } from '../stats.mjs';

// From the generated archive (generate/records.mjs, generate/chinese-text.mjs,
// generate/securities.mjs): 证券 is in almost every body; 华城长 is one
// security's name and 001034 another's code, each in about 0.4% of articles
// (4 and 6 of the first 1,000, 12 of 3,000, 38 of 10,000).
const TERMS = [
  { key: 'common', text: '证券', what: 'common term' },
  { key: 'rare', text: '华城长', what: 'rare term' },
  { key: 'code', text: '001034', what: 'stock code' },
];

export async function measureSearchLatency(ctx) {
  const size = ctx.archive.size;
  if (size === 0) return [];
  const tab = ctx.popupTab;
  if (!tab.url().endsWith('/popup.html')) await tab.goto(`${ctx.session.extensionBase}/popup.html`, { waitUntil: 'load' });
  await tab.bringToFront();
  const hooks = ctx.popupHooks;

  // One warm-up each, then the terms in turn, so that drift spreads evenly.
  for (const term of TERMS) await hooks.search(term.text);
  const searches = new Map(TERMS.map((term) => [term.key, []]));
  for (let i = 0; i < ctx.runs.search; i += 1) {
    for (const term of TERMS) searches.get(term.key).push(await hooks.search(term.text));
  }
  const scans = new Map(TERMS.map((term) => [term.key, []]));
  for (let i = 0; i < ctx.runs.scan; i += 1) {
    for (const term of TERMS) scans.get(term.key).push(await hooks.scan(term.text));
  }

  const figures = [];
  for (const term of TERMS) {
    const runs = searches.get(term.key);
    const first = runs[0];
    const searchMs = summarize(runs.map((run) => run.ms));
    figures.push(
      figure({
        id: `search.${term.key}.${size}`,
        label: `Search, ${term.what} ${term.text}: first page, ${size.toLocaleString('en')} archived`,
        unit: 'ms',
        runs: runs.map((run) => run.ms),
        goal: GOALS[`search.${term.key}.${size}`],
        note: `${first.matched.toLocaleString('en')} matched, ${first.shown} shown; posting lists ${summarize(runs.map((run) => run.matchMs)).median.toFixed(1)} ms`,
        detail: { text: term.text, matched: first.matched, shown: first.shown, total: first.total, matchMs: summarize(runs.map((run) => run.matchMs)) },
      }),
    );
    const scanRuns = scans.get(term.key);
    figures.push(
      figure({
        id: `searchScanRatio.${term.key}.${size}`,
        label: `Search ${term.text} vs reading every body, ${size.toLocaleString('en')} archived`,
        unit: '×',
        runs: scanRuns.map((scan) => scan.ms / searchMs.median),
        goal: GOALS.searchScanRatio,
        note: `scan ${Math.round(summarize(scanRuns.map((scan) => scan.ms)).median)} ms, ${scanRuns[0].matched.toLocaleString('en')} bodies contain it`,
        detail: { scanMs: summarize(scanRuns.map((scan) => scan.ms)), searchMs },
      }),
    );
  }
  return figures;
}
