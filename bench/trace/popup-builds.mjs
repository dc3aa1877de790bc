// The popup's first rows with several builds of the extension over one
// archive: fills a fresh Chromium profile to `size` generated articles (as the
// bench does), lets LevelDB settle, then swaps the extension's files between
// the given bench builds in turn (the extension's id and its archive stay) and
// opens popup.html ten times with each, three rounds. Builds taken in separate
// launches, each with its own fill, differ more between launches than any
// change of ours (416 against 250 ms at 10,000 in one such pair).
//
//   node bench/trace/popup-builds.mjs 10000 <bench build dir> <bench build dir> ...
// Each directory a copy of .output/chrome-mv3-bench (bench/build.mjs) made
// from the code to compare; the first is also the one installed.
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { archiveHooks } from '../browser/archive-hooks.mjs';
import { launchChromium } from '../browser/launch.mjs';
import { fillArchive } from '../measurements/fill-archive.mjs';

const [sizeArg, ...builds] = process.argv.slice(2);
const size = Number(sizeArg);
if (!size || builds.length < 2) throw new Error('usage: popup-builds.mjs <size> <build> <build> [...]');
const OPENS = 10;
const ROUNDS = 3;

const live = mkdtempSync(join(tmpdir(), 'em-lens-popup-builds-'));
function install(build) {
  for (const entry of readdirSync(live)) rmSync(join(live, entry), { recursive: true, force: true });
  cpSync(build, live, { recursive: true });
}

install(builds[0]);
const session = await launchChromium({ name: 'popup-builds', extensionDir: live, protocolTimeout: 3_600_000 });
const painted = new Map(builds.map((build) => [build, []]));
try {
  const control = await session.browser.newPage();
  await control.goto(`${session.extensionBase}/popup.html`, { waitUntil: 'load' });
  await fillArchive({ hooks: archiveHooks(control), archive: { size: 0, jsonBytes: 0 }, log: (line) => console.error(line) }, size);
  await control.close();
  // As a reader's popup meets it: LevelDB done compacting after the fill and indexing.
  await new Promise((done) => setTimeout(done, 45_000));
  const tab = await session.browser.newPage();
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const build of builds) {
      install(build);
      for (let open = 0; open < OPENS + 2; open += 1) {
        await tab.goto(`${session.extensionBase}/popup.html`, { waitUntil: 'load' });
        await tab.waitForFunction(() => performance.getEntriesByName('em-lens:popup-painted').length > 0, { timeout: 60_000 });
        const at = await tab.evaluate(() => performance.getEntriesByName('em-lens:popup-painted')[0].startTime);
        if (open >= 2) painted.get(build).push(at); // two opens first, on the files just swapped in
      }
    }
  }
} finally {
  await session.close();
  rmSync(live, { recursive: true, force: true });
}
const at = (values, share) => values[Math.min(values.length - 1, Math.floor(values.length * share))].toFixed(1);
for (const [build, values] of painted) {
  values.sort((a, b) => a - b);
  console.log(`${build}: first rows painted, median ${at(values, 0.5)} ms, p10–p90 ${at(values, 0.1)}–${at(values, 0.9)} ms, ${values.length} opens at ${size.toLocaleString('en')}`);
}
