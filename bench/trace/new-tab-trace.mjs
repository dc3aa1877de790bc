// One new-tab load of an article in Chromium, traced, and where the renderer's
// main thread spent its time from navigation to the overlay's paint, by what
// it was doing and on whose behalf (our content script, the page, Blink).
//
//   node bench/trace/new-tab-trace.mjs [page key] [build dir]
//   (page keys as in bench/generate/pages.mjs; build: .output/chrome-mv3-analysis)
//
// Writes the raw trace to bench/profiles/new-tab-<page>.json for
// chrome://tracing or Perfetto, and prints the breakdown.
import { writeFileSync } from 'node:fs';
import { launchChromium } from '../browser/launch.mjs';
import { installProbe, readProbe } from '../browser/new-tab-probe.mjs';
import { servePages } from '../browser/routes.mjs';
import { benchPages } from '../generate/pages.mjs';
import { summarizeTrace } from './trace-summary.mjs';

const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8.execute',
  'disabled-by-default-v8.compile',
  'blink.user_timing',
  'loading',
  'blink',
  'toplevel',
];

const [pageKey = 'seed', build = '.output/chrome-mv3-analysis'] = process.argv.slice(2);
const pages = benchPages();
const target = pages.find((page) => page.key === pageKey);
if (!target) throw new Error(`no page ${pageKey}: ${pages.map((page) => page.key).join(', ')}`);
const generated = new Map(pages.filter((page) => page.html).map((page) => [page.url, page.html]));

const session = await launchChromium({ name: 'trace', extensionDir: build === 'none' ? null : build });
try {
  // A warm browser: one load first, in a tab of its own, closed.
  for (const traced of [false, true]) {
    const tab = await session.browser.newPage();
    await tab.setViewport({ width: 1100, height: 760 });
    await servePages(tab, generated, { isolated: false });
    await tab.evaluateOnNewDocument(installProbe);
    if (traced) await tab.tracing.start({ categories: CATEGORIES });
    await tab.goto(target.url, { waitUntil: 'load' });
    await tab.waitForFunction(() => window.__emLensProbe?.painted != null || performance.now() > 5000, { polling: 50 });
    await new Promise((done) => setTimeout(done, 300));
    const load = await tab.evaluate(readProbe);
    if (traced) {
      const raw = Buffer.from(await tab.tracing.stop()).toString();
      const file = `bench/profiles/new-tab-${pageKey}.json`;
      writeFileSync(file, raw);
      console.log(`load: DCL ${load.dclStart.toFixed(1)} ms, inside DCL ${load.insideDcl.toFixed(1)} ms, FCP ${load.fcp?.toFixed(1)}, painted ${load.painted?.toFixed(1)}, load ${load.load.toFixed(1)}`);
      console.log(summarizeTrace(JSON.parse(raw), target.url, load.painted));
      console.log(`trace: ${file}`);
    }
    await tab.close();
  }
} finally {
  await session.close();
}
