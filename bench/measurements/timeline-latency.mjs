// Issue 15: the security view's timeline for a security mentioned in one
// article of ten (5,000 of 50,000), drawn after the view's first rows. Every
// tenth generated record is stored again, the same record plus a mention of
// one security and the price saved with it, through the archive page's bench
// hook (the path an import takes, quotesAtSave kept), and indexed again.
// Then archive.html?secid=…&doubtful=include opens, and the page marks when
// its first rows entered the DOM and the frame after (entrypoints/popup/
// bench-hooks.ts), and when the timeline was drawn on its canvas and the
// frame after (entrypoints/archive/bench-hooks.ts). The figure is from the
// rows' frame to the timeline's, from the page's navigation start.
//
// Run by bench/run.mjs in Chromium (BENCH_ONLY=timeline). Run directly,
// `node bench/measurements/timeline-latency.mjs firefox`, it builds the bench
// build for Firefox (.output/firefox-mv3-bench), fills an archive there as
// run.mjs fills Chromium's, and measures the same in Firefox.
import { performance } from 'node:perf_hooks';
import { archiveHooks } from '../browser/archive-hooks.mjs';
import { runInFirefoxWhenMain } from '../browser/firefox-archive-run.mjs';
import { generateRecord } from '../generate/records.mjs';
import { figure, summarize } from '../stats.mjs';
import { ARCHIVE_SEED } from './fill-archive.mjs';

/** Not in the generated pool of securities: the articles mentioning it are exactly the ones given it here. */
const SECURITY = { secid: '1.603999', market: 1, code: '603999', kind: 'stock', name: '透镜样本' };
const EVERY = 10;
const BATCH = 1_000;
const GOAL = { max: 100, text: '≤ 100 ms' };
const VIEW = `archive.html?secid=${SECURITY.secid}&doubtful=include`;

function mentioning(index) {
  const record = generateRecord(ARCHIVE_SEED, index);
  return {
    ...record,
    bodyText: `${record.bodyText}\n${SECURITY.name}`,
    bodyHtml: `${record.bodyHtml}<p>${SECURITY.name}</p>`,
    mentions: [...record.mentions, { ...SECURITY, count: 1, order: record.mentions.length }],
    quotesAtSave: { [SECURITY.secid]: { price: 10 + (index % 700) / 100, changePct: 0, time: record.savedAt } },
  };
}

/** Gives every tenth article from `from` to `to` its mention of SECURITY, then indexes them again. */
async function addMentions(ctx, tab, from, to) {
  const started = performance.now();
  for (let start = Math.ceil(from / EVERY) * EVERY; start < to; start += BATCH * EVERY) {
    const batch = [];
    for (let index = start; index < Math.min(to, start + BATCH * EVERY); index += EVERY) batch.push(mentioning(index));
    const result = await tab.evaluate((records) => globalThis.emLensTimelineBench.fillQuoted(records), batch);
    if (result.updated !== batch.length) throw new Error(`mention stored in ${result.updated} of ${batch.length}`);
  }
  await archiveHooks(tab).index();
  ctx.log(`  ${SECURITY.name} mentioned in every ${EVERY}th of ${from} → ${to} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

async function openOnce(ctx, tab) {
  await ctx.openPage(tab, VIEW);
  await tab.waitForFunction(
    () => performance.getEntriesByName('em-lens:timeline-painted').length > 0 && performance.getEntriesByName('em-lens:popup-painted').length > 0,
    { timeout: 60_000, polling: 50 },
  );
  return tab.evaluate(() => {
    const at = (name) => performance.getEntriesByName(name)[0].startTime;
    const figure = document.querySelector('[data-role="timeline"]');
    return {
      rows: at('em-lens:popup-rows'),
      rowsPainted: at('em-lens:popup-painted'),
      drawn: at('em-lens:timeline-drawn'),
      painted: at('em-lens:timeline-painted'),
      articles: Number(figure.getAttribute('data-articles')),
      points: Number(figure.getAttribute('data-points')),
      buckets: Number(figure.getAttribute('data-buckets')),
    };
  });
}

export async function measureTimelineLatency(ctx) {
  const size = ctx.archive.size;
  if (size === 0) return [];
  ctx.openPage ??= (tab, path) => tab.goto(`${ctx.session.extensionBase}/${path}`, { waitUntil: 'load' });
  if (!ctx.timelineTab) {
    ctx.timelineTab = await ctx.session.browser.newPage();
    await ctx.timelineTab.setViewport({ width: 1100, height: 760 });
  }
  const tab = ctx.timelineTab;
  await ctx.openPage(tab, 'archive.html');
  await addMentions(ctx, tab, ctx.timelineMentioned ?? 0, size);
  ctx.timelineMentioned = size;
  await tab.bringToFront();
  await openOnce(ctx, tab);
  const opens = [];
  for (let i = 0; i < ctx.runs.popup; i += 1) opens.push(await openOnce(ctx, tab));
  const [first] = opens;
  if (first.articles !== Math.ceil(size / EVERY)) throw new Error(`the timeline counts ${first.articles} articles, expected ${Math.ceil(size / EVERY)}`);
  const median = (key) => Math.round(summarize(opens.map((open) => open[key])).median);
  return [
    figure({
      id: `timeline.${ctx.browserName ?? 'chromium'}.${size}`,
      label: `Security view: first rows painted → timeline painted, ${first.articles.toLocaleString('en')} of ${size.toLocaleString('en')} archived (${ctx.browserName ?? 'Chromium'})`,
      unit: 'ms',
      runs: opens.map((open) => open.painted - open.rowsPainted),
      goal: size === 50_000 ? GOAL : null,
      note: `rows painted at ${median('rowsPainted')} ms, timeline drawn at ${median('drawn')} ms, painted at ${median('painted')} ms; ${first.buckets} bars, ${first.points.toLocaleString('en')} price points`,
      detail: { opens },
    }),
  ];
}

runInFirefoxWhenMain(import.meta.url, 'timeline', measureTimelineLatency);
