// Indexing throughput in Node against fake-indexeddb, without a browser:
// stores `BENCH_ARTICLES` generated records (default 2,000) with putArticles,
// as an import does, then times indexPending until nothing is pending.
//
//   node bench/node/index-throughput.mjs
//   BENCH_ARTICLES=5000 node bench/node/index-throughput.mjs
//   BENCH_BATCH=50 BENCH_BATCH_CHARS=1000000 node bench/node/index-throughput.mjs
//
// BENCH_BATCH and BENCH_BATCH_CHARS override indexPending's batch limits.
//
// The archive code is TypeScript; esbuild (a dependency of vite) bundles the
// few modules needed into a temporary file first.
import 'fake-indexeddb/auto';
import { build } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { recordBatches } from '../generate/records.mjs';
import { ARCHIVE_SEED } from '../measurements/fill-archive.mjs';
import { summarize } from '../stats.mjs';

const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 2000);
const BATCH = process.env.BENCH_BATCH ? Number(process.env.BENCH_BATCH) : undefined;
const BATCH_CHARS = process.env.BENCH_BATCH_CHARS ? Number(process.env.BENCH_BATCH_CHARS) : undefined;

async function loadArchiveCode() {
  const dir = mkdtempSync(join(tmpdir(), 'em-lens-index-'));
  const file = join(dir, 'archive.mjs');
  const { outputFiles } = await build({
    stdin: {
      contents: [
        "export { putArticles } from './lib/archive/articles';",
        "export { openArchive } from './lib/archive/db';",
        "export { indexPending } from './lib/archive/search-index';",
        "export { queryArchive } from './lib/archive/query';",
      ].join('\n'),
      resolveDir: process.cwd(),
      loader: 'ts',
    },
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
    logLevel: 'error',
  });
  writeFileSync(file, outputFiles[0].text);
  try {
    return await import(pathToFileURL(file).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const { putArticles, openArchive, indexPending } = await loadArchiveCode();
const db = await openArchive('index-throughput');
const fillStarted = performance.now();
for (const batch of recordBatches(ARCHIVE_SEED, 0, ARTICLES, 1000)) await putArticles(db, batch);
const fillSeconds = (performance.now() - fillStarted) / 1000;

const passes = [];
const started = performance.now();
for (;;) {
  const passStarted = performance.now();
  const indexed = await indexPending(db, BATCH, BATCH_CHARS);
  if (indexed === 0) break;
  passes.push({ indexed, ms: performance.now() - passStarted });
}
const seconds = (performance.now() - started) / 1000;
const perPass = summarize(passes.map((pass) => pass.ms));
console.log(
  [
    `putArticles: ${ARTICLES} in ${fillSeconds.toFixed(1)} s (${Math.round(ARTICLES / fillSeconds)}/s)`,
    `indexPending: ${ARTICLES} in ${seconds.toFixed(1)} s (${Math.round(ARTICLES / seconds)}/s), ${passes.length} calls`,
    `one call: median ${perPass.median.toFixed(0)} ms, max ${perPass.max.toFixed(0)} ms, ${passes[0]?.indexed ?? 0} articles each`,
  ].join('\n'),
);
