// Prints how well the relevance rules flag the auto-linker's mis-links on the
// labelled set (test/fixtures/relevance/labels.json): `node scripts/relevance-score.mjs`.
import { build } from 'esbuild';
import { Window } from 'happy-dom';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = join(root, 'test/fixtures/relevance');
const out = mkdtempSync(join(tmpdir(), 'relevance-score-'));
try {
  const bundled = await build({
    entryPoints: [join(root, 'scripts/relevance-scoring.ts')],
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
  });
  const file = join(out, 'scoring.mjs');
  writeFileSync(file, bundled.outputFiles[0].text);
  const { scoreLabelledSet, formatScore } = await import(pathToFileURL(file).href);
  const { pages } = JSON.parse(readFileSync(join(fixtures, 'labels.json'), 'utf8'));
  // happy-dom, as the unit tests use: jsdom's querySelectorAll gives a selector
  // list's matches grouped by selector, not in document order.
  const window = new Window();
  // The window reading uses the DOM's NodeFilter constants as a content script finds them.
  globalThis.NodeFilter = window.NodeFilter;
  const score = scoreLabelledSet(pages, (page) => {
    const doc = new window.DOMParser().parseFromString(readFileSync(join(fixtures, page.file), 'utf8'), 'text/html');
    return doc.querySelector('#ContentBody');
  });
  const mentions = score.misLinks + score.trueMentions;
  console.log(`${pages.length} pages, ${mentions} marked mentions: ${score.misLinks} mis-links, ${score.trueMentions} true`);
  console.log(formatScore(score));
} finally {
  rmSync(out, { recursive: true, force: true });
}
