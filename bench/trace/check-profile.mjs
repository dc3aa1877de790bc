// Where the integrity check spends its time at a given archive size: fills a
// fresh Chromium profile to `size` articles as the bench does, then runs the
// check twice from an extension page, once alone and once with a note edit
// every 250 ms (as the bench's figure does), each with a CPU profile of the
// background written to bench/profiles/check-<size>-<alone|edits>.cpuprofile
// (read them with profile-top.mjs).
//
//   node bench/trace/check-profile.mjs 50000
// Needs the bench build (.output/chrome-mv3-bench). A profile is filled in
// the session that measures it: an extension installed over CDP does not
// keep its storage into the next launch of the same profile.
import { mkdirSync, writeFileSync } from 'node:fs';
import { BENCH_BUILD } from '../build.mjs';
import { archiveHooks } from '../browser/archive-hooks.mjs';
import { launchChromium } from '../browser/launch.mjs';
import { fillArchive } from '../measurements/fill-archive.mjs';
import { checkOnce, someArticleId } from '../measurements/integrity-check.mjs';

const size = Number(process.argv[2] ?? 10_000);
const session = await launchChromium({ name: `check-${size}`, extensionDir: BENCH_BUILD, protocolTimeout: 3_600_000 });
try {
  const tab = await session.browser.newPage();
  await tab.goto(`${session.extensionBase}/popup.html`, { waitUntil: 'load' });
  const ctx = { hooks: archiveHooks(tab), archive: { size: 0, jsonBytes: 0 }, log: (line) => console.error(line) };
  const filled = await fillArchive(ctx, size);
  console.log(filled.map((figure) => `${figure.label}: ${figure.note}`).join('\n'));
  const id = await someArticleId(tab);

  const target = await session.browser.waitForTarget(
    (candidate) => candidate.type() === 'service_worker' && candidate.url().startsWith(session.extensionBase),
  );
  const cdp = await target.createCDPSession();
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
  mkdirSync('bench/profiles', { recursive: true });
  for (const [label, every] of [['alone', 0], ['edits', 250]]) {
    await cdp.send('Profiler.start');
    const run = await checkOnce(tab, id, every);
    const { profile } = await cdp.send('Profiler.stop');
    writeFileSync(`bench/profiles/check-${size}-${label}.cpuprofile`, JSON.stringify(profile));
    const edits = run.edits.length ? `; ${run.edits.length} edits, the longest ${Math.round(Math.max(...run.edits))} ms` : '';
    console.log(`check of ${run.articles.toLocaleString('en')} articles, ${label}: ${(run.ms / 1000).toFixed(1)} s${edits}`);
  }
} finally {
  await session.close();
}
