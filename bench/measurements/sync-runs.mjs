// Sync against a real WebDAV server: `rclone serve webdav` on 127.0.0.1
// behind the end-to-end tests' proxy (test/e2e/webdav-server.mjs), paging
// listings at 750 entries as 坚果云 does. Two Chromium profiles of the bench
// build, with the server's origin granted in a copy of its manifest (a
// permission prompt cannot be clicked here):
//
//   first sync, upload    profile A, holding the generated archive, connects to an empty folder
//   first sync, download  profile B, empty, connects to the same folder and merges
//   one change            A deletes one article and syncs; then B syncs and gets it (three times)
//   nothing new           A syncs again (five times)
//
// For each: requests the server received, wall time of the bg:sync-* message,
// and for the first syncs the background's JS heap (sampled every 250 ms
// through the service worker's DevTools session) and the popup's first rows,
// opened again and again in another tab while the sync runs.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startWebDav } from '../../test/e2e/webdav-server.mjs';
import { archiveHooks } from '../browser/archive-hooks.mjs';
import { launchChromium } from '../browser/launch.mjs';
import { GOALS } from '../goals.mjs';
import { figure, summarize } from '../stats.mjs';
import { fillArchive } from './fill-archive.mjs';

/**
 * How long one bg:sync-* message may take before the bench gives up on it: a
 * first download of 50,000 articles on a 2-core machine runs past the usual
 * 10 minutes (about 6 s a batch of some 300 articles here).
 */
const SYNC_TIMEOUT = 45 * 60_000;

/** The bench build with 127.0.0.1 granted, in a directory of its own. */
function buildWithLoopback(benchBuild) {
  const dir = mkdtempSync(join(tmpdir(), 'em-lens-bench-sync-'));
  cpSync(benchBuild, dir, { recursive: true });
  const path = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(path, 'utf8'));
  manifest.host_permissions = [...(manifest.host_permissions ?? []), 'http://127.0.0.1/*'];
  writeFileSync(path, JSON.stringify(manifest));
  return dir;
}

async function send(tab, type, payload) {
  const reply = await tab.evaluate((message) => chrome.runtime.sendMessage(message), { type, payload });
  if (!reply?.ok) throw new Error(`${type}: ${JSON.stringify(reply)}`);
  return reply.data;
}

/**
 * Samples the background's JS heap until stopped; returns the largest used
 * size seen, in MB. With BENCH_SYNC_PROFILE=1 it also records a CPU profile
 * of the background, written to bench/profiles/sync-<label>.cpuprofile (for
 * DevTools' Performance panel, or bench/trace/profile-top.mjs).
 */
async function heapSampler(session, label) {
  const target = await session.browser.waitForTarget(
    (candidate) => candidate.type() === 'service_worker' && candidate.url().startsWith(session.extensionBase),
  );
  const cdp = await target.createCDPSession();
  const profiling = process.env.BENCH_SYNC_PROFILE === '1';
  if (profiling) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
    await cdp.send('Profiler.start');
  }
  const samples = [];
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const usage = await cdp.send('Runtime.getHeapUsage').catch(() => null);
      if (usage) samples.push((usage.usedSize + (usage.embedderHeapUsedSize ?? 0) + (usage.backingStorageSize ?? 0)) / 2 ** 20);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      if (profiling) {
        const { profile } = await cdp.send('Profiler.stop');
        mkdirSync('bench/profiles', { recursive: true });
        writeFileSync(`bench/profiles/sync-${label}.cpuprofile`, JSON.stringify(profile));
      }
      await cdp.detach().catch(() => {});
      return { max: Math.max(...samples), samples: samples.length };
    },
  };
}

/** Runs `work` with the background sampled as heapSampler does (a CPU profile with BENCH_SYNC_PROFILE=1). */
async function profiled(session, label, work) {
  const heap = await heapSampler(session, label);
  try {
    return await work();
  } finally {
    await heap.stop();
  }
}

/** Opens popup.html in `tab` again and again until `done` settles; the times to its first rows painted. */
async function popupWhile(session, tab, done) {
  let finished = false;
  void done.finally(() => (finished = true));
  const times = [];
  while (!finished) {
    await tab.goto(`${session.extensionBase}/popup.html`, { waitUntil: 'load' });
    await tab.waitForFunction(() => performance.getEntriesByName('em-lens:popup-painted').length > 0, { timeout: 120_000 });
    times.push(await tab.evaluate(() => performance.getEntriesByName('em-lens:popup-painted')[0].startTime));
  }
  return times;
}

/**
 * Logs, every 30 s while `work` runs, what the server has received and
 * whether the background is still there: a run that stops answering shows
 * whether it stalled, crawled or lost its service worker.
 */
async function watched(label, session, dav, ctx, work) {
  const before = dav.requests.length;
  const started = performance.now();
  const timer = setInterval(() => {
    const seen = dav.requests.slice(before);
    const worker = session.browser.targets().some((target) => target.type() === 'service_worker' && target.url().startsWith(session.extensionBase));
    ctx.log(`    ${label} ${Math.round((performance.now() - started) / 1000)} s: ${seen.length} requests, last ${seen.at(-1) ?? 'none'}; service worker ${worker ? 'up' : 'gone'}`);
  }, 30_000);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}

/** Runs `work` (one bg:sync-* message) and counts what the server received meanwhile. */
async function counted(dav, work) {
  const before = dav.requests.length;
  const started = performance.now();
  const status = await work();
  const ms = performance.now() - started;
  if (status.state !== 'ok') throw new Error(`sync ended ${status.state}: ${status.code} ${status.detail ?? ''}`);
  const requests = dav.requests.slice(before);
  return { status, ms, requests };
}

/** A first sync in `session` while the popup is opened again and again beside it. */
async function firstSync(session, dav, label, work) {
  const tab = await session.browser.newPage();
  await tab.setViewport({ width: 420, height: 600 });
  await tab.goto(`${session.extensionBase}/popup.html`, { waitUntil: 'load' });
  const heap = await heapSampler(session, label);
  const run = counted(dav, work);
  const popup = await popupWhile(session, tab, run);
  const result = await run;
  const memory = await heap.stop();
  await tab.close();
  return { ...result, popup, memory };
}

const verbs = (requests) => {
  const counts = {};
  for (const line of requests) {
    const verb = line.split(' ')[0];
    counts[verb] = (counts[verb] ?? 0) + 1;
  }
  return Object.entries(counts)
    .map(([verb, count]) => `${count} ${verb}`)
    .join(', ');
};

export async function measureSyncRuns(ctx) {
  // BENCH_SYNC_SIZE sets the archive's size, to find where a cost starts to grow.
  const size = Number(process.env.BENCH_SYNC_SIZE) || (ctx.quick ? 3_000 : 50_000);
  const dav = await startWebDav({ pageSize: 750 });
  const build = buildWithLoopback(ctx.benchBuild);
  const sessions = [];
  const figures = [];
  try {
    const a = await launchChromium({ name: 'sync-a', extensionDir: build, protocolTimeout: SYNC_TIMEOUT });
    sessions.push(a);
    const controlA = await a.browser.newPage();
    await controlA.goto(`${a.extensionBase}/popup.html`, { waitUntil: 'load' });
    const hooksA = archiveHooks(controlA);
    await hooksA.clear();
    await fillArchive({ hooks: hooksA, archive: { size: 0, jsonBytes: 0 }, log: ctx.log }, size);
    // The generated archive's garbage is in the control tab's heap, which the popup shares a renderer with.
    await controlA.reload({ waitUntil: 'load' });
    const connection = { url: dav.url, user: dav.user, password: dav.password, folder: 'EMLens', passphrase: '' };

    const upload = await firstSync(a, dav, 'upload', () => watched('upload', a, dav, ctx, () => send(controlA, 'bg:sync-connect', connection)));
    ctx.log(`  upload: ${upload.requests.length} requests (${verbs(upload.requests)}) in ${(upload.ms / 1000).toFixed(1)} s`);

    const b = await launchChromium({ name: 'sync-b', extensionDir: build, protocolTimeout: SYNC_TIMEOUT });
    sessions.push(b);
    const controlB = await b.browser.newPage();
    await controlB.goto(`${b.extensionBase}/popup.html`, { waitUntil: 'load' });
    const hooksB = archiveHooks(controlB);
    const previewStarted = performance.now();
    const previewFrom = dav.requests.length;
    const preview = await watched('preview', b, dav, ctx, () => send(controlB, 'bg:sync-connect', connection));
    if (preview.state !== 'preview') throw new Error(`B's connection showed ${preview.state}, not its preview`);
    const previewMs = performance.now() - previewStarted;
    const previewRequests = dav.requests.length - previewFrom;
    ctx.log(`  preview: ${previewRequests} requests in ${(previewMs / 1000).toFixed(1)} s`);
    const download = await firstSync(b, dav, 'download', () => watched('download', b, dav, ctx, () => send(controlB, 'bg:sync-confirm', {})));
    const arrived = await hooksB.count();
    if (arrived !== size) throw new Error(`B holds ${arrived} articles after its first sync, expected ${size}`);
    ctx.log(`  download: ${download.requests.length} requests (${verbs(download.requests)}) in ${(download.ms / 1000).toFixed(1)} s`);

    // What arrived waits for B's search indexer; the syncs below are timed on archives at rest, as a periodic sync finds them.
    const indexing = performance.now();
    while ((await hooksB.pending()) > 0) {
      if (performance.now() - indexing > SYNC_TIMEOUT) throw new Error('B still indexes what arrived');
      await new Promise((resolve) => setTimeout(resolve, 2_000));
    }
    ctx.log(`  B indexed what arrived in a further ${((performance.now() - indexing) / 1000).toFixed(1)} s`);

    // One change, three times: A deletes an article; A's sync sends it, B's sync brings it.
    const CHANGES = 3;
    const IDLE_RUNS = 5;
    const doomed = await controlA.evaluate(async (count) => {
      const db = await new Promise((resolve, reject) => {
        const request = indexedDB.open('em-lens-archive');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const keys = await new Promise((resolve) => {
        const request = db.transaction('articles').objectStore('articles').getAllKeys(null, count);
        request.onsuccess = () => resolve(request.result);
      });
      db.close();
      return keys;
    }, CHANGES);
    const sent = [];
    const brought = [];
    for (const [i, gone] of doomed.entries()) {
      await hooksA.remove(gone);
      sent.push(await profiled(a, `one-change-sent-${i + 1}`, () => counted(dav, () => send(controlA, 'bg:sync-now', { allowMassDelete: false }))));
      brought.push(await profiled(b, `one-change-received-${i + 1}`, () => counted(dav, () => send(controlB, 'bg:sync-now', { allowMassDelete: false }))));
      if ((await hooksB.count()) !== size - 1 - i) throw new Error(`deletion ${i + 1} did not reach B`);
    }
    const idle = [];
    for (let i = 0; i < IDLE_RUNS; i += 1) idle.push(await profiled(a, `nothing-new-${i + 1}`, () => counted(dav, () => send(controlA, 'bg:sync-now', { allowMassDelete: false }))));
    const times = (runs) => runs.map((run) => `${Math.round(run.ms)} ms`).join(', ');
    ctx.log(`  one change: A ${sent[0].requests.length} (${verbs(sent[0].requests)}) in ${times(sent)}; B ${brought[0].requests.length} (${verbs(brought[0].requests)}) in ${times(brought)}`);
    ctx.log(`  nothing new: ${idle[0].requests.length} (${verbs(idle[0].requests)}) in ${times(idle)}`);

    const n = size.toLocaleString('en');
    const popupNote = (times) => {
      const s = summarize(times);
      return `popup first rows while it ran: median ${Math.round(s.median)} ms, p90 ${Math.round(s.p90)} ms, max ${Math.round(s.max)} ms over ${s.n} opens`;
    };
    for (const [key, run, what] of [
      ['upload', upload, `A (${n} articles) to an empty folder`],
      ['download', download, `B (empty) from that folder`],
    ]) {
      figures.push(
        figure({
          id: `sync.${key}.requests`,
          label: `First sync, ${what}: requests`,
          unit: 'requests',
          runs: [run.requests.length],
          goal: GOALS['sync.first.requests'],
          note: verbs(run.requests),
        }),
        figure({
          id: `sync.${key}.time`,
          label: `First sync, ${what}: wall time`,
          unit: 'ms',
          runs: [run.ms],
          goal: GOALS['sync.first.time'],
          note: popupNote(run.popup),
          detail: { popupFirstRowsMs: summarize(run.popup) },
        }),
        figure({
          id: `sync.${key}.memory`,
          label: `First sync, ${what}: background JS heap, largest`,
          unit: 'MB',
          runs: [run.memory.max],
          goal: GOALS['sync.first.memory'],
          note: `${run.memory.samples} samples`,
        }),
      );
    }
    figures.push(
      figure({
        id: 'sync.preview.requests',
        label: `B's first connection preview: requests`,
        unit: 'requests',
        runs: [previewRequests],
        note: `${Math.round(previewMs)} ms`,
      }),
      figure({ id: 'sync.change.send.requests', label: 'One change, sent (A): requests', unit: 'requests', runs: sent.map((run) => run.requests.length), goal: GOALS['sync.change.requests'], note: verbs(sent[0].requests) }),
      figure({ id: 'sync.change.send.time', label: 'One change, sent (A): wall time', unit: 'ms', runs: sent.map((run) => run.ms), goal: GOALS['sync.change.time'] }),
      figure({ id: 'sync.change.receive.requests', label: 'One change, received (B): requests', unit: 'requests', runs: brought.map((run) => run.requests.length), goal: GOALS['sync.change.requests'], note: verbs(brought[0].requests) }),
      figure({ id: 'sync.change.receive.time', label: 'One change, received (B): wall time', unit: 'ms', runs: brought.map((run) => run.ms), goal: GOALS['sync.change.time'] }),
      figure({
        id: 'sync.idle.requests',
        label: 'Nothing new, 2 devices: requests',
        unit: 'requests',
        runs: idle.map((run) => run.requests.length),
        goal: GOALS['sync.idle.requests'],
        note: verbs(idle[0].requests),
      }),
      figure({ id: 'sync.idle.time', label: 'Nothing new, 2 devices: wall time', unit: 'ms', runs: idle.map((run) => run.ms) }),
    );
  } finally {
    for (const session of sessions) await session.close();
    await dav.stop();
    rmSync(build, { recursive: true, force: true });
  }
  return figures;
}
