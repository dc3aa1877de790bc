// The load a reader feels: every Eastmoney article opens in a new tab (its
// links have target="_blank"), so each load here is in a fresh tab of a warm
// browser: a renderer of its own, our content script compiled afresh.
//
// Three browsers of one engine side by side: the production build of EM Lens
// ("ours"), an extension whose content script does nothing at document_start
// ("floor", bench/browser/floor-extension.mjs) and no extension ("none").
// Each run loads the page once in each, in an order that rotates, so drift
// over the run falls on all three alike. Figures are medians over runs of
// the per-run difference (ours − floor) or ratio (ours ÷ none).
import { loadavg } from 'node:os';
import { launchChromium, launchFirefox } from '../browser/launch.mjs';
import { installProbe, readProbe } from '../browser/new-tab-probe.mjs';
import { servePages } from '../browser/routes.mjs';
import { writeFloorExtension } from '../browser/floor-extension.mjs';
import { figure, summarize } from '../stats.mjs';
import { stopBackgroundWorker } from '../../test/e2e/browsers.mjs';

const PAGES = ['seed', 'securities-20', 'mentions-10000'];
const SIDES = ['ours', 'floor', 'none'];
const LONG_TASK_MS = 50;

const ms = (max) => ({ max, text: `≤ ${max} ms` });
const GOALS = {
  insideDcl: ms(3),
  loadOverFloor: { seed: ms(5), 'securities-20': ms(5) },
  loadRatio: { seed: { max: 1.05, text: '≤ 1.05×' }, 'securities-20': { max: 1.05, text: '≤ 1.05×' } },
  overlay: { seed: ms(16), 'securities-20': ms(16), 'mentions-10000': ms(100) },
  longTasks: { max: 0, text: 'none' },
};

const ENGINE_LABEL = { chrome: 'Chromium', firefox: 'Firefox' };

async function launch(engine, side, extensionDir) {
  const name = `new-tab-${side}-${engine}`;
  return engine === 'chrome' ? launchChromium({ name, extensionDir }) : launchFirefox({ name, extensionDir });
}

async function loadInNewTab(browser, url, generated, { overlay, judged = false, before = async () => {} }) {
  const tab = await browser.newPage();
  try {
    await before(tab);
    await tab.setViewport({ width: 1100, height: 760 });
    await servePages(tab, generated, { isolated: false });
    await tab.evaluateOnNewDocument(installProbe);
    await tab.goto(url, { waitUntil: 'load', timeout: 120_000 });
    await tab.waitForFunction(
      (withOverlay) =>
        performance.getEntriesByName('first-contentful-paint').length > 0 &&
        (!withOverlay.overlay || window.__emLensProbe?.painted != null) &&
        (!withOverlay.judged || window.__emLensProbe?.judged != null),
      { timeout: judged ? 15_000 : 60_000, polling: 50 },
      { overlay, judged },
    );
    const load = await tab.evaluate(readProbe);
    const ours = load.longTasks.filter((task) => load.inserted != null && task.start <= load.inserted && load.inserted <= task.start + task.duration);
    return {
      ...load,
      overlay: load.painted == null ? null : load.painted - load.dclStart,
      verdicts: load.judged == null ? null : load.judged - load.dclStart,
      longTasksOfOurs: ours.filter((task) => task.duration >= LONG_TASK_MS).length,
      longestTaskOfOurs: Math.max(0, ...ours.map((task) => task.duration)),
    };
  } finally {
    await tab.close();
  }
}

/**
 * @param {{ runs: { pairs: number }, pages: Array<{ key: string, label: string, url: string }>, generated: Map<string, string>, log: (message: string) => void, builds: { chrome: string, firefox: string }, engines: Array<'chrome' | 'firefox'> }} ctx
 */
export async function measureNewTabLoad(ctx) {
  const figures = [];
  for (const engine of ctx.engines) figures.push(...(await oneEngine(ctx, engine)));
  return figures;
}

async function oneEngine(ctx, engine) {
  const dirs = { ours: ctx.builds[engine], floor: writeFloorExtension(engine, ctx.builds[engine]), none: null };
  const browsers = {};
  try {
    for (const side of SIDES) browsers[side] = await launch(engine, side, dirs[side]);
    const figures = [];
    const runs = Math.max(9, ctx.runs.pairs);
    for (const target of ctx.pages.filter((page) => PAGES.includes(page.key))) {
      const load = (side) => loadInNewTab(browsers[side].browser, target.url, ctx.generated, { overlay: side === 'ours' });
      for (const side of SIDES) await load(side);
      const triples = [];
      for (let i = 0; i < runs; i += 1) {
        const triple = {};
        for (let k = 0; k < SIDES.length; k += 1) {
          const side = SIDES[(i + k) % SIDES.length];
          triple[side] = await load(side);
        }
        triples.push(triple);
      }
      ctx.log(`  ${engine} ${target.key}: ${runs} runs, load average ${loadavg()[0].toFixed(2)}`);
      figures.push(...pageFigures(engine, target, triples));
    }
    if (engine === 'chrome') figures.push(...(await backgroundAsleep(ctx, browsers.ours, runs)));
    return figures;
  } finally {
    for (const side of SIDES) await browsers[side]?.close();
  }
}

function pageFigures(engine, target, triples) {
  const where = `${ENGINE_LABEL[engine]}, ${target.label}`;
  const id = (name) => `newTab.${name}.${engine}.${target.key}`;
  const over = (pick) => triples.map((t) => pick(t.ours) - pick(t.floor));
  const ratio = (pick) => triples.map((t) => pick(t.ours) / pick(t.none));
  const medianOf = (side, pick) => Math.round(summarize(triples.map((t) => pick(t[side]))).median * 10) / 10;
  const sides = (pick) => `ours ${medianOf('ours', pick)}, floor ${medianOf('floor', pick)}, none ${medianOf('none', pick)} ms`;
  const detail = (pick) => Object.fromEntries(SIDES.map((side) => [side, summarize(triples.map((t) => pick(t[side])))]));
  const dcl = (load) => load.dclStart;
  const inside = (load) => load.insideDcl;
  const loaded = (load) => load.load;
  const fcp = (load) => load.fcp;
  const rows = [
    { id: id('insideDcl'), label: `New tab, time added inside DOMContentLoaded over the floor, ${where}`, unit: 'ms', runs: over(inside), goal: GOALS.insideDcl, note: sides(inside), detail: detail(inside) },
    { id: id('dclOverFloor'), label: `New tab, DOMContentLoaded start over the floor, ${where}`, unit: 'ms', runs: over(dcl), note: sides(dcl), detail: detail(dcl) },
    { id: id('loadOverFloor'), label: `New tab, load event over the floor, ${where}`, unit: 'ms', runs: over(loaded), goal: GOALS.loadOverFloor[target.key], note: sides(loaded), detail: detail(loaded) },
    { id: id('loadRatio'), label: `New tab, load event with ÷ without, ${where}`, unit: '×', runs: ratio(loaded), goal: GOALS.loadRatio[target.key] },
    { id: id('dclRatio'), label: `New tab, DOMContentLoaded start with ÷ without, ${where}`, unit: '×', runs: ratio(dcl) },
    { id: id('fcpRatio'), label: `New tab, first contentful paint with ÷ without, ${where}`, unit: '×', runs: ratio(fcp), note: sides(fcp), detail: detail(fcp) },
    { id: id('overlay'), label: `New tab, DOMContentLoaded → overlay painted, ${where}`, unit: 'ms', runs: triples.map((t) => t.ours.overlay), goal: GOALS.overlay[target.key] },
  ];
  if (engine === 'chrome') {
    rows.push({
      id: id('longTasks'),
      label: `New tab, long tasks (≥ 50 ms) of ours, ${where}`,
      unit: '',
      runs: triples.map((t) => t.ours.longTasksOfOurs),
      goal: GOALS.longTasks,
      note: `ours up to ${Math.round(summarize(triples.map((t) => t.ours.longestTaskOfOurs)).max)} ms; the page's own without us: ${summarize(triples.map((t) => t.none.longTasks.length)).median}`,
    });
  }
  return rows.map((row) => figure({ ...row, goal: row.goal ?? null }));
}

/**
 * The first article after the browser starts finds the background asleep
 * (Chromium stops an idle service worker after 30 s): the overlay's badges
 * need nothing of it, but its verdicts, the archive frame and the quotes wait
 * for it to start. Loads of the seed, alternately with the service worker
 * running and stopped just before.
 */
async function backgroundAsleep(ctx, ours, runs) {
  const seed = ctx.pages.find((page) => page.key === 'seed');
  const loads = { awake: [], asleep: [] };
  for (let i = 0; i < runs * 2; i += 1) {
    const state = i % 2 === 0 ? 'asleep' : 'awake';
    // A load whose verdicts never come is counted, not allowed to end the run.
    const load = await loadInNewTab(ours.browser, seed.url, ctx.generated, { overlay: true, judged: true, before: state === 'asleep' ? () => stopBackgroundWorker(ours.browser, ours.extensionBase) : undefined }).catch(
      (error) => (error.name === 'TimeoutError' ? { verdicts: null, overlay: null } : Promise.reject(error)),
    );
    loads[state].push(load);
  }
  for (const state of ['awake', 'asleep']) {
    const missing = loads[state].filter((load) => load.verdicts == null).length;
    if (missing) ctx.log(`  chrome seed, background ${state}: verdicts never shown in ${missing} of ${loads[state].length} loads`);
    loads[state] = loads[state].filter((load) => load.verdicts != null);
  }
  return ['awake', 'asleep'].flatMap((state) => [
    figure({ id: `newTab.verdicts.chrome.${state}`, label: `New tab, DOMContentLoaded → verdicts shown, Chromium, seed page, background ${state}`, unit: 'ms', runs: loads[state].map((load) => load.verdicts) }),
    figure({ id: `newTab.overlayFirst.chrome.${state}`, label: `New tab, DOMContentLoaded → overlay painted, Chromium, seed page, background ${state}`, unit: 'ms', runs: loads[state].map((load) => load.overlay) }),
  ]);
}
