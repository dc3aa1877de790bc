// The two Chromium builds the bench needs, each in its own directory so that
// neither overwrites .output/chrome-mv3, which `npm test` builds and loads:
//   .output/chrome-mv3-bench     --mode bench: the production code plus the
//                                performance marks and popup hooks behind
//                                `import.meta.env.MODE === 'bench'`
//   .output/chrome-mv3-analysis  --mode production: what `npm run build` writes
//                                to .output/chrome-mv3, plus per-module
//                                statistics (rollup-plugin-visualizer through
//                                WXT's analysis option) for the size breakdown
import { build } from 'wxt';

// The CLI's `wxt build` runs with NODE_ENV=production; called from here, the
// builds would otherwise get Preact's development JSX (file names and line
// numbers in every element), which is neither the size nor the speed shipped.
process.env.NODE_ENV = 'production';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';

export const BENCH_BUILD = '.output/chrome-mv3-bench';
export const PRODUCTION_BUILD = '.output/chrome-mv3-analysis';
export const ANALYSIS_DIR = '.output/bench-analysis';

export async function buildBench() {
  await build({ browser: 'chrome', mode: 'bench' });
  return resolve(BENCH_BUILD);
}

export async function buildProductionWithStats() {
  // Statistics of an earlier build would be merged with this one's.
  rmSync(ANALYSIS_DIR, { recursive: true, force: true });
  await build({
    browser: 'chrome',
    mode: 'production',
    outDirTemplate: 'chrome-mv3-analysis',
    analysis: { enabled: true, template: 'raw-data', outputFile: `${ANALYSIS_DIR}/stats.json`, keepArtifacts: true },
  });
  return resolve(PRODUCTION_BUILD);
}

export const FIREFOX_PRODUCTION_BUILD = '.output/firefox-mv3-production';

/** What `npm run build` writes to .output/firefox-mv3, in a directory of the bench's own. */
export async function buildFirefoxProduction() {
  await build({ browser: 'firefox', manifestVersion: 3, mode: 'production', outDirTemplate: 'firefox-mv3-production' });
  return resolve(FIREFOX_PRODUCTION_BUILD);
}
