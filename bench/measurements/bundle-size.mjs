// Issue item 7: minified and gzip sizes of the content script, background and
// popup JS of the production build, with where the content script's bytes
// come from. The bench's production build is made exactly as `npm run build`
// makes .output/chrome-mv3, into its own directory (bench/build.mjs), with
// per-module statistics from rollup-plugin-visualizer. Those give each
// module's rendered (pre-minification) length; its share of the minified file
// is estimated as its share of the rendered total.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ANALYSIS_DIR, PRODUCTION_BUILD } from '../build.mjs';
import { GOALS } from '../goals.mjs';
import { figure } from '../stats.mjs';

// Strings only the bench build has; finding one in production is a bug.
const BENCH_ONLY = ['em-lens-bench', 'emLensBench', 'popup-painted'];

/** Which dependency a module id belongs to: an npm package, or this project's top directory. */
function ownerOf(moduleId) {
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(moduleId);
  if (inPackage) return inPackage[1].startsWith('@wxt-dev/') || inPackage[1] === 'wxt' ? `wxt runtime (${inPackage[1]})` : inPackage[1];
  if (moduleId.startsWith('\0')) return 'bundler helpers';
  const top = /^\/?([^/]+)\//.exec(moduleId.replace(process.cwd(), ''));
  return top ? `${top[1]}/ (EM Lens)` : moduleId;
}

/** Each owner's estimated share of `files`, from the rendered length of its modules in each file. */
function breakdown(files, minifiedBytes) {
  const lengths = new Map();
  for (const name of readdirSync(ANALYSIS_DIR).filter((file) => /^stats-\d+\.json$/.test(file))) {
    const stats = JSON.parse(readFileSync(join(ANALYSIS_DIR, name), 'utf8'));
    for (const meta of Object.values(stats.nodeMetas)) {
      for (const file of files) {
        const part = meta.moduleParts[file];
        if (!part) continue;
        const owner = ownerOf(meta.id);
        lengths.set(owner, (lengths.get(owner) ?? 0) + stats.nodeParts[part].renderedLength);
      }
    }
  }
  const rendered = [...lengths.values()].reduce((sum, length) => sum + length, 0);
  return [...lengths]
    .sort((a, b) => b[1] - a[1])
    .map(([owner, length]) => ({ owner, share: length / rendered, estimatedMinifiedBytes: Math.round((minifiedBytes * length) / rendered) }));
}

/** The JS an extension page loads: its module script and the chunks it preloads. */
function pageScripts(html) {
  const page = readFileSync(join(PRODUCTION_BUILD, html), 'utf8');
  return [...page.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="\/([^"]+\.js)"/g)].map((match) => match[1]);
}

export async function measureBundleSize() {
  const bundles = {
    content: ['article-overlay.js'],
    background: ['background.js'],
    popup: pageScripts('popup.html'),
  };
  const figures = [];
  for (const [key, files] of Object.entries(bundles)) {
    const codes = files.map((file) => readFileSync(join(PRODUCTION_BUILD, file)));
    for (const [i, code] of codes.entries()) {
      const leaked = BENCH_ONLY.filter((marker) => code.includes(marker));
      if (leaked.length) throw new Error(`production ${files[i]} contains bench code (${leaked.join(', ')})`);
      // Development JSX (jsxDEV) records each element's source position: not what ships.
      if (code.includes('columnNumber:')) throw new Error(`${files[i]} was built with development JSX: is NODE_ENV production?`);
    }
    const bytes = codes.reduce((sum, code) => sum + code.length, 0);
    // Each file is fetched (and would be served) on its own, so each is compressed on its own.
    const gzip = codes.reduce((sum, code) => sum + gzipSync(code, { level: 9 }).length, 0);
    const parts = breakdown(files, bytes);
    figures.push(
      figure({
        id: `bundle.${key}`,
        label: `Bundle ${key === 'popup' ? 'popup.html JS' : files[0]}, minified`,
        unit: 'B',
        runs: [bytes],
        goal: GOALS[`bundle.${key}`],
        note: `gzip ${(gzip / 1000).toFixed(1)} kB; ${parts
          .slice(0, 4)
          .map((part) => `${part.owner.replace(/ \(.*\)$/, '')} ${Math.round(part.share * 100)}%`)
          .join(', ')}`,
        detail: { files, gzipBytes: gzip, breakdown: parts },
      }),
    );
  }
  return figures;
}
