// Brings the archive to `size` articles with generated records (bench/generate/
// records.mjs), 1,000 to a putArticles transaction through the popup's bench
// hook: the code path an import takes. Batches go one after another: sending
// the next batch while one is being written was slower on two cores, since
// both need the popup's main thread.
import { performance } from 'node:perf_hooks';
import { recordBatches } from '../generate/records.mjs';
import { figure, summarize } from '../stats.mjs';

export const ARCHIVE_SEED = 20211230;
const BATCH = 1_000;

export async function fillArchive(ctx, size) {
  const from = ctx.archive.size;
  if (size <= from) return [];
  const started = performance.now();
  const batches = [];
  for (const batch of recordBatches(ARCHIVE_SEED, from, size, BATCH)) {
    for (const record of batch) ctx.archive.jsonBytes += Buffer.byteLength(JSON.stringify(record));
    const result = await ctx.hooks.fill(batch);
    if (result.created !== batch.length) throw new Error(`fill created ${result.created} of ${batch.length}`);
    batches.push(result);
  }
  const seconds = (performance.now() - started) / 1000;
  ctx.archive.size = size;
  const count = await ctx.hooks.count();
  if (count !== size) throw new Error(`archive holds ${count} articles, expected ${size}`);
  ctx.log(`  filled ${from} → ${size} in ${seconds.toFixed(1)} s`);
  return [
    figure({
      id: `fill.${size}`,
      label: `Fill ${from.toLocaleString('en')} → ${size.toLocaleString('en')}: putArticles per 1,000`,
      unit: 'ms',
      runs: batches.map((batch) => batch.ms),
      note: `all in ${seconds.toFixed(0)} s (${Math.round((size - from) / seconds)}/s with generating, sending, parking)`,
      detail: {
        batch: BATCH,
        totalSeconds: seconds,
        articlesPerSecond: (size - from) / seconds,
        parkMsPerBatch: summarize(batches.map((batch) => batch.parkMs)),
      },
    }),
  ];
}
