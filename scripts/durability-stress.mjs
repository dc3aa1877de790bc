// Kills the browser (SIGKILL) at random moments, many times per fault kind,
// and counts what was lost and what disagreed afterwards. Not part of
// `npm test` (one kill of each kind is, in test/e2e/durability.test.mjs).
//
//   npm run build && node scripts/durability-stress.mjs
//   STRESS_BROWSERS=chrome,firefox STRESS_KILLS=20 STRESS_SIZE=5000 STRESS_KINDS=import,indexer,save,upgrade
//   (STRESS_BUILD_CHROME, STRESS_BUILD_FIREFOX: another build folder than .output/<browser>-mv3)
//
// Kinds:
//   import   a fresh profile imports STRESS_SIZE articles; killed at a random moment of it
//   indexer  the same archive re-imported (every article pending again); killed while indexing
//   save     an article page saved; killed 0–100 ms after the click
//   upgrade  an archive of the first schema version (STRESS_UPGRADE_SIZE articles, 2,000 unless set)
//            written in place of the archive, then upgraded by the archive page; killed at a random
//            moment of the upgrade (its length measured first), the same profile started again
//   check    no kill: times the integrity check over STRESS_SIZE indexed articles (3 runs)
//   backup   no kill: times Back up now over STRESS_SIZE articles, and the longest an extension page waits meanwhile (3 runs); then restores the last backup into a fresh profile (the import, streamed over 400 MB) and checks every article came back whole
//   import-save  no kill: times saves sent from article tabs while an import of STRESS_SIZE runs (5 saves), and the import
// After each kill the same profile starts again. Counted: records lost (an
// article seen committed before the kill and missing after), inconsistencies
// (an article without its whole body, a body without its article, anything the
// start-up integrity check had to fix), and the kills after which that check ran
// (those that caught a write in flight, or within two seconds of one).
// At the end of each kind: the import resumed with no duplicates, the indexer
// finished, and a search found exactly the articles that contain the word.
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchWithExtension } from '../test/e2e/browsers.mjs';
import { chooseImportFile, openArchivePage, searchShowsTotal, sendFromExtension } from '../test/e2e/extension-pages.mjs';
import { generatedArticle } from '../test/e2e/generated-pages.mjs';
import { serveFixtures } from '../test/e2e/fixture-routes.mjs';
import { archiveFrame, clickInOverlay, waitForOverlay } from '../test/e2e/overlay-probe.mjs';
import {
  archiveState,
  assertFirstVersionUpgraded,
  assertWholeOrAbsent,
  checkFromSettings,
  countArticles,
  durableRecords,
  expectedMatches,
  lastCheck,
  random,
  releaseFirstVersionArchive,
  waitFor,
  writeFirstVersionArchive,
} from '../test/e2e/archive-probe.mjs';

const BROWSERS = (process.env.STRESS_BROWSERS ?? 'chrome').split(',');
const KILLS = Number(process.env.STRESS_KILLS ?? 20);
const SIZE = Number(process.env.STRESS_SIZE ?? 5000);
const KINDS = (process.env.STRESS_KINDS ?? 'import,indexer,save,upgrade').split(',');
const SEARCHED = '公司';
const UPGRADE_SIZE = Number(process.env.STRESS_UPGRADE_SIZE ?? 2000);

const records = durableRecords(SIZE);
const byId = new Map(records.map((record) => [record.id, record]));
const dir = mkdtempSync(join(tmpdir(), 'em-lens-stress-'));
const file = join(dir, 'archive.json');
writeFileSync(file, JSON.stringify({ format: 'em-lens-archive', version: 1, exportedAt: new Date().toISOString(), articles: records }));

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));
const ZERO = { orphanBodies: 0, missingBodies: 0, facetsFixed: 0, reindexed: 0, orphanDocs: 0, badIndexRecords: 0, metaFixed: [], unreadable: 0 };

const upload = (view) => chooseImportFile(view, file);

// An import of 20,000 waited for in Firefox is one protocol call of many
// minutes (a selector wait), and so is a check over 50,000 in either browser.
const LONGEST_CALL_MS = 30 * 60_000;

// STRESS_BUILD_CHROME / STRESS_BUILD_FIREFOX: a copy of a build to run (the
// default is .output/<browser>-mv3), so that a long run is not changed under
// it by the next `npm run build`.
const BUILDS = { chrome: process.env.STRESS_BUILD_CHROME, firefox: process.env.STRESS_BUILD_FIREFOX };

/** One profile's life: started, killed, started again on the same folder. `options`: more of launchWithExtension's. */
function lifeOf(name, options = {}) {
  const profile = mkdtempSync(join(tmpdir(), `em-lens-stress-${name}-`));
  let session = null;
  return {
    get session() {
      return session;
    },
    async start() {
      session = await launchWithExtension(name, { profile, protocolTimeout: LONGEST_CALL_MS, ...(BUILDS[name] && { build: BUILDS[name] }), ...options });
      return openArchivePage(session, 'archive.html', { width: 900, height: 700 });
    },
    async kill() {
      await session.kill();
      session = null;
    },
    async end() {
      await session?.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** What a restart after a kill must show; returns what went wrong, in words. */
async function afterKill(view, committedBefore, killedAt, extra = []) {
  const problems = [];
  const state = await archiveState(view);
  try {
    assertWholeOrAbsent(state, byId, extra);
  } catch (error) {
    problems.push(`inconsistent: ${error.message}`);
  }
  const lost = committedBefore.filter((id) => !state.ids.includes(id));
  // A check runs at start-up only when a write was in flight (or had just ended): wait a while for one.
  const check = await waitFor('the start-up check', async () => {
    const last = await lastCheck(view);
    return last && last.at > killedAt ? last : null;
  }, 15_000).catch(() => null);
  const fixed = check ? Object.entries(ZERO).filter(([key, zero]) => JSON.stringify(check.report[key]) !== JSON.stringify(zero)) : [];
  return { state, lost: lost.length, problems, checked: Boolean(check), fixed: fixed.map(([key]) => `${key}=${JSON.stringify(check.report[key])}`) };
}

async function stressImport(name, tally) {
  // First, how long an import takes here, so that the kills land across all of it.
  const trial = lifeOf(name);
  let span;
  try {
    const view = await trial.start();
    const began = Date.now();
    await upload(view);
    await view.waitForSelector(`[data-role="import-taken"][data-taken="${SIZE}"]`, { timeout: 600_000 });
    span = Date.now() - began;
    tally.note(`an import of ${SIZE} takes ${(span / 1000).toFixed(1)} s`);
  } finally {
    await trial.end();
  }
  for (let round = 0; round < KILLS; round += 1) {
    const life = lifeOf(name);
    try {
      const view = await life.start();
      await upload(view);
      await sleep(random(0, span));
      const committed = (await archiveState(view).catch(() => ({ ids: [] }))).ids;
      const killedAt = Date.now();
      await life.kill();
      const again = await life.start();
      const outcome = await afterKill(again, committed, killedAt);
      tally.record(outcome, `import round ${round} (${outcome.state.ids.length} of ${SIZE} in)`);
      await upload(again);
      await again.waitForSelector(`[data-role="import-taken"][data-taken="${SIZE}"]`, { timeout: 600_000 });
      const resumed = await archiveState(again);
      if (resumed.ids.length !== SIZE || new Set(resumed.ids).size !== SIZE) tally.problem(`import round ${round}: resumed to ${resumed.ids.length}`);
    } finally {
      await life.end();
    }
  }
}

async function stressIndexer(name, tally) {
  const life = lifeOf(name);
  try {
    let view = await life.start();
    for (let round = 0; round < KILLS; round += 1) {
      if ((await countArticles(view)).pending === 0) {
        await upload(view); // every article written again, so every one waits to be indexed again
        await view.waitForSelector(`[data-role="import-taken"][data-taken="${SIZE}"]`, { timeout: 600_000 });
      }
      // A random moment of the indexing: once a random share of what is pending is done.
      const { pending } = await countArticles(view);
      const threshold = random(1, Math.max(1, pending - 1));
      await waitFor('part of the indexing', async () => (await countArticles(view)).pending <= threshold, 600_000);
      const committed = (await archiveState(view)).ids;
      const killedAt = Date.now();
      await life.kill();
      view = await life.start();
      const outcome = await afterKill(view, committed, killedAt);
      tally.record(outcome, `indexer round ${round} (${outcome.state.pending} pending)`);
    }
    await waitFor('the indexer to finish', async () => (await countArticles(view)).pending === 0, 900_000);
    await searchFinds(view, byId, tally, 'indexer');
  } finally {
    await life.end();
  }
}

async function stressSave(name, tally) {
  const life = lifeOf(name);
  try {
    let view = await life.start();
    const saved = [];
    for (let round = 0; round < KILLS; round += 1) {
      const url = generatedArticle([['0.000931', '中关村']], `压力测试 ${round}`);
      const id = url.match(/(\d+)\.html$/)[1];
      const page = await life.session.browser.newPage();
      await serveFixtures(page);
      await page.goto(url, { waitUntil: 'load' });
      await waitForOverlay(page);
      const committed = (await archiveState(view)).ids;
      await clickInOverlay(page, '[data-action="save"]');
      await sleep(random(0, 100));
      const killedAt = Date.now();
      await life.kill();
      view = await life.start();
      // The generated pages are not in the import file: their bodies are checked here, not against it.
      const outcome = await afterKill(view, committed, killedAt, [...saved, id]);
      for (const page of [...saved, id]) {
        if (outcome.state.ids.includes(page) && !(outcome.state.lengths[page] > 0)) outcome.problems.push(`article ${page} without its body`);
      }
      if (outcome.state.ids.includes(id)) saved.push(id);
      tally.record(outcome, `save round ${round} (${outcome.state.ids.includes(id) ? 'kept' : 'absent'})`);
    }
    tally.note(`saves kept: ${saved.length} of ${KILLS}`);
  } finally {
    await life.end();
  }
}

/** The search the archive page shows for SEARCHED, against what `records` call for. */
async function searchFinds(view, records, tally, what) {
  const expected = expectedMatches(records, [...records.keys()], SEARCHED);
  await searchShowsTotal(view, SEARCHED, expected, 60_000).catch(() => tally.problem(`${what}: search for ${SEARCHED} did not find ${expected}`));
}

async function stressUpgrade(name, tally) {
  const old = durableRecords(UPGRADE_SIZE, 0x01d);
  const oldById = new Map(old.map((record) => [record.id, record]));
  const life = lifeOf(name);
  /** The first version's archive written in place of the archive, and its upgrade started; back `ms` later. */
  const upgradeFor = async (ms) => {
    const hand = await life.session.browser.newPage();
    await life.session.openExtensionPage(hand, 'popup.html');
    await writeFirstVersionArchive(hand, old);
    const upgrading = await life.session.browser.newPage();
    await life.session.openExtensionPage(upgrading, 'archive.html');
    await sleep(500);
    return releaseFirstVersionArchive(hand, ms);
  };
  try {
    let view = await life.start();
    // First, how long an upgrade takes here, so that the kills land across all of it.
    const trial = await upgradeFor(120_000);
    if (trial.upgradedAfter === null) throw new Error('the upgrade did not end in two minutes');
    const span = trial.upgradedAfter;
    tally.note(`an upgrade of ${UPGRADE_SIZE} takes ${(span / 1000).toFixed(1)} s`);
    let midway = 0;
    for (let round = 0; round < KILLS; round += 1) {
      const killed = await upgradeFor(random(0, Math.round(span)));
      await life.kill();
      if (killed.upgradedAfter === null) midway += 1;
      view = await life.start();
      const problems = [];
      const state = await archiveState(view);
      try {
        assertWholeOrAbsent(state, oldById);
        await assertFirstVersionUpgraded(view, oldById);
      } catch (error) {
        problems.push(`inconsistent: ${error.message}`);
      }
      const lost = old.filter((record) => !state.ids.includes(record.id)).length;
      tally.record({ state, lost, problems, checked: false, fixed: [] }, `upgrade round ${round} (killed ${killed.waited} ms in, ${killed.upgradedAfter === null ? 'before' : 'after'} it committed)`);
    }
    tally.note(`killed before the upgrade committed: ${midway} of ${KILLS}`);
    await waitFor('the indexer to finish', async () => (await countArticles(view)).pending === 0, 900_000);
    await searchFinds(view, oldById, tally, 'upgrade');
    const report = await checkFromSettings(life.session, UPGRADE_SIZE);
    if (report.fixed) tally.problem(`upgrade: the check after the last round fixed ${report.text}`);
  } finally {
    await life.end();
  }
}

/**
 * Waits for the background's indexer to leave nothing pending, saying every
 * minute how many still wait. It looks every 5 s: each look is a read of the
 * archive, which the indexer's writes would otherwise take turns with.
 */
async function indexerFinished(name, view, timeout) {
  const began = Date.now();
  let said = began;
  for (;;) {
    const { pending } = await countArticles(view);
    if (pending === 0) return Date.now() - began;
    if (Date.now() - began > timeout) throw new Error(`timed out waiting for the indexer to finish (${pending} pending)`);
    if (Date.now() - said >= 60_000) {
      said = Date.now();
      console.log(`[${name}] ${pending} articles still to index after ${Math.round((said - began) / 1000)} s`);
    }
    await sleep(5_000);
  }
}

/** Not a kill: how long the integrity check takes over SIZE indexed articles, asked as the settings page asks. */
async function timeCheck(name, tally) {
  const life = lifeOf(name);
  try {
    const view = await life.start();
    await upload(view);
    await view.waitForSelector(`[data-role="import-taken"][data-taken="${SIZE}"]`, { timeout: 600_000 });
    await indexerFinished(name, view, 3_600_000);
    const times = [];
    for (let run = 0; run < 3; run += 1) {
      const began = Date.now();
      const reply = await sendFromExtension(view, { type: 'bg:check-archive', payload: {} });
      times.push(Date.now() - began);
      if (!reply.ok || reply.data.articles !== SIZE) tally.problem(`check: ${JSON.stringify(reply)}`);
    }
    times.sort((a, b) => a - b);
    tally.note(`integrity check over ${SIZE}: ${times.map((ms) => (ms / 1000).toFixed(1)).join(' / ')} s (median ${(times[1] / 1000).toFixed(1)} s)`);
  } finally {
    await life.end();
  }
}

/**
 * Not a kill: a backup of SIZE articles (Back up now), how long it takes and
 * how big it is, and the longest an extension page waited for its turn
 * meanwhile: the popup shares that thread with the archive page (and, in
 * Chrome, with the offscreen document that writes the file; in Firefox, with
 * the background page).
 */
async function timeBackup(name, tally) {
  const downloads = mkdtempSync(join(tmpdir(), `em-lens-stress-downloads-${name}-`));
  const life = lifeOf(name, { downloads });
  try {
    const view = await life.start();
    await upload(view);
    await view.waitForSelector(`[data-role="import-taken"][data-taken="${SIZE}"]`, { timeout: 1_800_000 });
    await indexerFinished(name, view, 3_600_000);
    for (let run = 0; run < 3; run += 1) {
      await view.evaluate(() => {
        const gaps = (window.__gaps = { longest: 0, running: true });
        let last = performance.now();
        const tick = () => {
          const now = performance.now();
          gaps.longest = Math.max(gaps.longest, now - last);
          last = now;
          if (gaps.running) setTimeout(tick, 0);
        };
        setTimeout(tick, 0);
      });
      const began = Date.now();
      const reply = await sendFromExtension(view, { type: 'bg:backup-now', payload: {} });
      const ms = Date.now() - began;
      const longest = await view.evaluate(() => ((window.__gaps.running = false), window.__gaps.longest));
      const made = reply.ok ? reply.data.backups[0] : null;
      if (!made || made.articles !== SIZE) tally.problem(`backup: ${JSON.stringify(reply).slice(0, 300)}`);
      else tally.note(`backup of ${SIZE}: ${(ms / 1000).toFixed(1)} s, ${(made.bytes / 2 ** 20).toFixed(0)} MB, longest wait of a page ${Math.round(longest)} ms`);
    }
    await life.end();
    await restoreBackup(name, newestBackup(downloads), tally);
  } finally {
    await life.end();
    rmSync(downloads, { recursive: true, force: true });
  }
}

/** The backup file written last, anywhere under the downloads folder. */
function newestBackup(downloads) {
  const files = readdirSync(downloads, { recursive: true })
    .map((entry) => join(downloads, String(entry)))
    .filter((path) => /em-lens-backup-.*\.json$/.test(path) && statSync(path).isFile());
  if (!files.length) throw new Error(`no backup file in ${downloads}`);
  return files.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
}

/**
 * The backup restored into a fresh profile through the archive page's import,
 * as a reader restores it (a file over 400 MB is read as a stream): every
 * article back, each whole.
 */
async function restoreBackup(name, backup, tally) {
  const life = lifeOf(name);
  try {
    const view = await life.start();
    const began = Date.now();
    await chooseImportFile(view, backup);
    await view.waitForSelector(`[data-role="import-taken"][data-taken="${SIZE}"]`, { timeout: 3_600_000 });
    const ms = Date.now() - began;
    const state = await archiveState(view);
    const missing = records.filter((record) => state.lengths[record.id] !== record.bodyText.length).length;
    if (state.ids.length !== SIZE || missing) tally.problem(`restore: ${state.ids.length} articles, ${missing} missing or not whole`);
    tally.note(`restore of that ${(statSync(backup).size / 2 ** 20).toFixed(0)} MB backup into a fresh profile: ${(ms / 1000).toFixed(1)} s, ${state.ids.length} articles, ${missing} missing or not whole`);
  } finally {
    await life.end();
  }
}

/**
 * Not a kill: how long a reader's save waits while an import runs. Five
 * article tabs (not in the file) each send their save, as the save button
 * does, at moments spread over the import; each is timed in its frame, from
 * the message sent to the answer.
 */
async function timeSaveDuringImport(name, tally) {
  const SAVES = 5;
  const life = lifeOf(name);
  try {
    const view = await life.start();
    const tabs = [];
    for (let i = 0; i < SAVES; i += 1) {
      const url = generatedArticle([['0.000931', '中关村']], `导入时保存 ${i}`);
      const tab = await life.session.browser.newPage();
      await serveFixtures(tab);
      await tab.goto(url, { waitUntil: 'load' });
      await waitForOverlay(tab);
      tabs.push({ tab, id: url.match(/(\d+)\.html$/)[1] });
    }
    await view.bringToFront();
    const began = Date.now();
    await upload(view);
    const times = [];
    for (const [i, { tab, id }] of tabs.entries()) {
      await waitFor('the import to reach this save', async () => (await countArticles(view)).count >= ((i + 1) * SIZE) / (SAVES + 1), 600_000);
      const frame = await archiveFrame(tab);
      const { ms, ok } = await frame.evaluate(async (article) => {
        const sent = performance.now();
        const reply = await (globalThis.browser ?? globalThis.chrome).runtime.sendMessage({ type: 'bg:save-article', payload: { id: article } });
        return { ms: performance.now() - sent, ok: reply?.ok === true };
      }, id);
      if (!ok) tally.problem(`save ${i} failed`);
      times.push(ms);
    }
    await view.waitForSelector(`[data-role="import-taken"][data-taken="${SIZE}"]`, { timeout: 1_800_000 });
    const importMs = Date.now() - began;
    await waitFor('the indexer to finish', async () => (await countArticles(view)).pending === 0, 1_800_000);
    const indexedMs = Date.now() - began;
    const state = await archiveState(view);
    if (state.ids.length !== SIZE + SAVES) tally.problem(`${state.ids.length} articles, not ${SIZE + SAVES}`);
    const sorted = [...times].sort((a, b) => a - b);
    tally.note(
      `saves during an import of ${SIZE}: ${times.map((ms) => (ms / 1000).toFixed(2)).join(' / ')} s (median ${(sorted[2] / 1000).toFixed(2)} s); the import ${(importMs / 1000).toFixed(1)} s, indexed at ${(indexedMs / 1000).toFixed(1)} s`,
    );
  } finally {
    await life.end();
  }
}

function tallyFor(label) {
  const figures = { kills: 0, lost: 0, inconsistencies: 0, checksRun: 0, notes: [] };
  return {
    figures,
    record(outcome, what) {
      figures.kills += 1;
      figures.lost += outcome.lost;
      figures.inconsistencies += outcome.problems.length + (outcome.fixed.length ? 1 : 0);
      if (outcome.checked) figures.checksRun += 1;
      const bad = [...outcome.problems, ...outcome.fixed.map((fix) => `check fixed ${fix}`)];
      console.log(`${label} ${what}: lost ${outcome.lost}${bad.length ? `; ${bad.join('; ')}` : ''}${outcome.checked ? '; checked at start-up' : ''}`);
    },
    problem(text) {
      figures.inconsistencies += 1;
      console.log(`${label} ${text}`);
    },
    note(text) {
      figures.notes.push(text);
      console.log(`${label} ${text}`);
    },
  };
}

const KIND = { import: stressImport, indexer: stressIndexer, save: stressSave, upgrade: stressUpgrade, check: timeCheck, backup: timeBackup, 'import-save': timeSaveDuringImport };
const results = [];
try {
  for (const name of BROWSERS) {
    for (const kind of KINDS) {
      const tally = tallyFor(`[${name} ${kind}]`);
      const began = Date.now();
      await KIND[kind](name, tally);
      results.push({ browser: name, kind, size: kind === 'upgrade' ? UPGRADE_SIZE : SIZE, ...tally.figures, minutes: Math.round((Date.now() - began) / 6000) / 10 });
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.table(results.map(({ notes, ...row }) => ({ ...row, notes: notes.join('; ') })));
process.exit(results.every((row) => row.lost === 0 && row.inconsistencies === 0) ? 0 : 1);
