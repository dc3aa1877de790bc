// Sync end to end: two browser profiles with different archives connect to
// the same folder on a real WebDAV server (rclone, through a fault proxy),
// converge, keep converging by the merge rules, and come through the
// server's faults with both archives whole.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BROWSERS, launchWithExtension } from './browsers.mjs';
import { sendFromExtension } from './extension-pages.mjs';
import { browsersUnderTest } from './session.mjs';
import { startWebDav } from './webdav-server.mjs';

const wanted = browsersUnderTest();
// A Chromium profile and a Firefox profile where both run; two profiles of the one browser otherwise.
const profiles = wanted.length > 1 ? wanted.slice(0, 2) : [wanted[0], wanted[0]];

/** The build with the test server's origin granted in its manifest (a permission prompt cannot be clicked here). */
function buildWithLoopback(name) {
  const dir = mkdtempSync(join(tmpdir(), `em-lens-sync-${name}-`));
  cpSync(BROWSERS[name].build, dir, { recursive: true });
  const manifestPath = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  manifest.host_permissions = [...manifest.host_permissions, 'http://127.0.0.1/*'];
  writeFileSync(manifestPath, JSON.stringify(manifest));
  return dir;
}

const id = (n) => `2026010912345${String(n).padStart(5, '0')}`;
function article(n, overrides = {}) {
  const articleId = id(n);
  return {
    id: articleId,
    url: `https://finance.eastmoney.com/a/${articleId}.html`,
    title: `同步测试文章 ${n}`,
    publishedAt: '2026-01-09T17:46:00+08:00',
    source: '第一财经',
    author: null,
    summary: '摘要',
    bodyText: `正文 ${n}`,
    bodyHtml: `<p>正文 ${n}</p>`,
    mentions: [{ secid: '0.000931', market: 0, code: '000931', name: '中关村', kind: 'stock', count: 1, order: 0 }],
    template: 'current',
    savedAt: 1_764_000_000_000 + n,
    updatedAt: 1_764_000_000_000 + n,
    tags: [],
    note: '',
    ...overrides,
  };
}

/** Every article of the profile's archive, as an export has it, by id. */
function archiveOf(page) {
  return page.evaluate(async () => {
    const db = await new Promise((resolve, reject) => {
      const request = indexedDB.open('em-lens-archive');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const all = (store) =>
      new Promise((resolve, reject) => {
        const request = db.transaction(store).objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    const [listings, bodies] = [await all('articles'), await all('bodies')];
    db.close();
    const body = new Map(bodies.map((b) => [b.id, b]));
    return listings
      .map(({ docNo, pending, secids, kinds, ...rest }) => ({ ...rest, bodyText: body.get(rest.id)?.bodyText, bodyHtml: body.get(rest.id)?.bodyHtml }))
      .sort((a, b) => (a.id < b.id ? -1 : 1));
  });
}

/** The reader's corrections in the archive, and the copy in extension storage that the tabs watch. */
function correctionsOf(page) {
  return page.evaluate(async () => {
    const db = await new Promise((resolve, reject) => {
      const request = indexedDB.open('em-lens-archive');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const archive = await new Promise((resolve, reject) => {
      const request = db.transaction('meta').objectStore('meta').get('corrections');
      request.onsuccess = () => resolve(request.result ?? {});
      request.onerror = () => reject(request.error);
    });
    db.close();
    const api = globalThis.browser ?? globalThis.chrome;
    const tabs = (await api.storage.local.get('relevanceCorrections')).relevanceCorrections ?? {};
    return { archive, tabs };
  });
}

async function send(page, type, payload) {
  const reply = await sendFromExtension(page, { type, payload });
  assert.equal(reply?.ok, true, `${type}: ${JSON.stringify(reply)}`);
  return reply.data;
}

const statusOf = (page) =>
  page.$eval('[data-role="sync-status"]', (el) => ({ state: el.dataset.state, lastSync: el.dataset.lastSync, text: el.textContent }));

async function clickAndWait(page, action, state) {
  const before = (await statusOf(page)).lastSync;
  await page.click(`[data-action="${action}"]`);
  await page.waitForFunction(
    (wantedState, last) => {
      const el = document.querySelector('[data-role="sync-status"]');
      return el?.dataset.state === wantedState && (wantedState !== 'ok' || el.dataset.lastSync !== last);
    },
    { timeout: 30_000, polling: 100 },
    state,
    before,
  );
  return statusOf(page);
}

describe(`sync through a real WebDAV server (${profiles.join(' + ')})`, { timeout: 240_000 }, () => {
  let dav;
  const sessions = [];
  const pages = [];

  before(async () => {
    dav = await startWebDav();
    for (const name of profiles) {
      const session = await launchWithExtension(name, { build: buildWithLoopback(name) });
      sessions.push(session);
      const page = await session.browser.newPage();
      await session.openExtensionPage(page, 'options.html');
      await page.waitForSelector('[data-role="sync-status"]');
      pages.push(page);
    }
  });

  after(async () => {
    for (const session of sessions) await session.close().catch(() => {});
    await dav?.stop();
  });

  it('two profiles with different archives connect to one folder and converge', async () => {
    const [a, b] = pages;
    await send(a, 'bg:import-articles', { articles: [article(1), article(2, { tags: ['银行'], note: '甲' })] });
    await send(b, 'bg:import-articles', { articles: [article(2, { tags: ['地产'], note: '乙' }), article(3)] });
    for (const page of pages) {
      await page.type('[name="sync-url"]', dav.url);
      await page.type('[name="sync-user"]', dav.user);
      await page.type('[name="sync-password"]', dav.password);
      const status = await clickAndWait(page, 'sync-connect', 'ok');
      assert.match(status.lastSync, /^\d{4}-\d\d-\d\dT/);
    }
    await clickAndWait(a, 'sync-now', 'ok');
    const [ea, eb] = [await archiveOf(a), await archiveOf(b)];
    assert.deepEqual(ea.map((x) => x.id), [id(1), id(2), id(3)]);
    assert.deepEqual(eb, ea);
    assert.deepEqual([...ea[1].tags].sort(), ['地产', '银行']);
    assert.ok(ea[1].note.includes('甲') && ea[1].note.includes('乙'), ea[1].note);
    // Each device writes only its own folder; the WebDAV root holds only ours.
    assert.deepEqual(readdirSync(dav.dir), ['EMLens']);
    assert.deepEqual(readdirSync(join(dav.dir, 'EMLens')).sort(), ['devices', 'format.json']);
    assert.equal(readdirSync(join(dav.dir, 'EMLens', 'devices')).length, 2);
  });

  it('converges by the rules: tags on one, a note on both, a delete on one and an edit on the other', async () => {
    const [a, b] = pages;
    await send(a, 'bg:annotate-article', { id: id(1), tags: ['券商', '银行'], note: '' });
    await send(a, 'bg:annotate-article', { id: id(3), tags: [], note: '甲的笔记' });
    await send(b, 'bg:annotate-article', { id: id(3), tags: [], note: '乙的笔记' });
    await send(a, 'bg:delete-article', { id: id(2) });
    await send(b, 'bg:annotate-article', { id: id(2), tags: ['留着'], note: '还要看' });
    await clickAndWait(a, 'sync-now', 'ok');
    await clickAndWait(b, 'sync-now', 'ok');
    await clickAndWait(a, 'sync-now', 'ok');
    const [ea, eb] = [await archiveOf(a), await archiveOf(b)];
    assert.deepEqual(eb, ea);
    const byId = Object.fromEntries(ea.map((x) => [x.id, x]));
    assert.deepEqual(byId[id(1)].tags, ['券商', '银行']);
    assert.equal(byId[id(2)].note, '还要看', 'an edit beats a concurrent delete');
    assert.match(byId[id(3)].note, /乙的笔记\n\n——— 冲突副本 · conflict copy · .* UTC ———\n甲的笔记/);
  });

  it('a correction of the relevance rules made on one reaches the other, with the counts it changes', async () => {
    const [a, b] = pages;
    const correction = { secid: '0.000931', name: '中关村', articleId: null, verdict: 'doubtful' };
    await send(a, 'bg:correct-mention', { change: { set: correction } });
    await clickAndWait(a, 'sync-now', 'ok');
    await clickAndWait(b, 'sync-now', 'ok');
    let kept = await correctionsOf(b);
    assert.deepEqual(Object.values(kept.archive).map(({ at: _at, ...rest }) => rest), [correction]);
    // The copy every tab of that browser watches has it too, so open articles show it without a reload.
    for (let i = 0; i < 20 && JSON.stringify(kept.tabs) !== JSON.stringify(kept.archive); i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      kept = await correctionsOf(b);
    }
    assert.deepEqual(kept.tabs, kept.archive);
    assert.ok((await archiveOf(b)).every((x) => !x.likelySecids.includes('0.000931')));
    await send(b, 'bg:correct-mention', { change: { clear: { secid: correction.secid, name: correction.name, articleId: null } } });
    await clickAndWait(b, 'sync-now', 'ok');
    await clickAndWait(a, 'sync-now', 'ok');
    assert.deepEqual((await correctionsOf(a)).archive, {});
    assert.deepEqual(await archiveOf(a), await archiveOf(b));
  });

  it('a sync with nothing new costs at most 3 + devices requests', async () => {
    const before = dav.requests.length;
    await clickAndWait(pages[0], 'sync-now', 'ok');
    const spent = dav.requests.slice(before);
    assert.ok(spent.length <= 3 + 2, JSON.stringify(spent));
  });

  for (const [kind, state, words] of [
    ['full', 'error', /空间已满|full/],
    ['unauthorized', 'error', /密码|password/],
    ['cut-upload', 'error', /无法连接|cannot be reached/],
  ]) {
    it(`a server fault (${kind}) leaves both archives whole, and the next sync completes`, async () => {
      const [a, b] = pages;
      const n = 10 + ['full', 'unauthorized', 'cut-upload'].indexOf(kind);
      await send(a, 'bg:import-articles', { articles: [article(n)] });
      const before = await archiveOf(a);
      dav.fault = { kind };
      const status = await clickAndWait(a, 'sync-now', state);
      assert.match(status.text, words);
      dav.fault = null;
      assert.deepEqual(await archiveOf(a), before);
      await clickAndWait(a, 'sync-now', 'ok');
      await clickAndWait(b, 'sync-now', 'ok');
      assert.deepEqual(await archiveOf(b), await archiveOf(a));
      assert.ok((await archiveOf(b)).some((x) => x.id === id(n)));
    });
  }

  it('坚果云’s BlockedTemporarily stops the run and says when it tries again, with the archive whole', async () => {
    const [a] = pages;
    await send(a, 'bg:annotate-article', { id: id(1), tags: ['限流'], note: '' });
    const before = await archiveOf(a);
    dav.fault = { kind: 'blocked' };
    const status = await clickAndWait(a, 'sync-now', 'error');
    assert.match(status.text, /再次同步|tries again/);
    const sent = dav.requests.length;
    await clickAndWait(a, 'sync-now', 'error');
    assert.equal(dav.requests.length, sent, 'nothing is sent while the server asked us to wait');
    dav.fault = null;
    assert.deepEqual(await archiveOf(a), before);
  });
});
