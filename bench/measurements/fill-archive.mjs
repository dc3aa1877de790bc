// Brings the archive to `size` articles with generated records (bench/generate/
// records.mjs), 1,000 to a putArticles transaction through the popup's bench
// hook: the code path an import takes. Batches go one after another: sending
// the next batch while one is being written was slower on two cores, since
// both need the popup's main thread.
//
// Then indexes them for search with indexPending, the background indexer's
// own function, called in a loop as the background calls it, so that every
// measurement after this one sees an archive at rest and searchable.
import { performance } from 'node:perf_hooks';
import { recordBatches } from '../generate/records.mjs';
import { figure, summarize } from '../stats.mjs';

export const ARCHIVE_SEED = 20211230;
const BATCH = 1_000;

function span(from, size) {
  return `${from.toLocaleString('en')} → ${size.toLocaleString('en')}`;
}

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

  const indexed = await ctx.hooks.index();
  const left = await ctx.hooks.pending();
  if (left !== 0 || indexed.articles > size - from) {
    throw new Error(`indexing took ${indexed.articles} of ${size - from} articles, ${left} left waiting`);
  }
  const fillFigure = figure({
    id: `fill.${size}`,
    label: `Fill ${span(from, size)}: putArticles per 1,000`,
    unit: 'ms',
    runs: batches.map((batch) => batch.ms),
    note: `all in ${seconds.toFixed(0)} s (${Math.round((size - from) / seconds)}/s with generating and sending)`,
    detail: { batch: BATCH, totalSeconds: seconds, articlesPerSecond: (size - from) / seconds },
  });
  // Firefox may wake the background's event page during the fill (an alarm,
  // a message), and its indexer then takes its share of what is pending: the
  // archive is at rest all the same, but the bench's rate is not the whole.
  if (indexed.articles < size - from) {
    ctx.log(`  indexed ${indexed.articles} here; the background's own indexer took the other ${size - from - indexed.articles}: no indexing rate`);
    return [fillFigure];
  }
  const perSecond = indexed.articles / (indexed.ms / 1000);
  const writes = summarize(indexed.writeMs);
  ctx.log(`  indexed ${indexed.articles} in ${(indexed.ms / 1000).toFixed(1)} s`);
  return [
    fillFigure,
    figure({
      id: `index.${size}`,
      label: `Index ${span(from, size)} for search`,
      unit: 'articles/s',
      runs: [perSecond],
      note: `in ${(indexed.ms / 1000).toFixed(0)} s; longest write transaction ${Math.round(writes.max)} ms, p90 ${Math.round(writes.p90)} ms`,
      detail: {
        seconds: indexed.ms / 1000,
        calls: indexed.calls.length,
        callMs: summarize(indexed.calls.map((call) => call.ms)),
        writeTransactionMs: writes,
      },
    }),
  ];
}
