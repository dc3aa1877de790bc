// Sync end to end: two browser profiles with different archives connect to
// the same folder on a real WebDAV server (rclone, through a fault proxy),
// converge, keep converging by the merge rules, and come through the
// server's faults with both archives whole.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BROWSERS, launchWithExtension } from './browsers.mjs';
import { sendFromExtension } from './extension-pages.mjs';
import { browsersUnderTest } from './session.mjs';
import { startWebDav } from './webdav-server.mjs';

const ARTIFACTS = 'test/e2e/artifacts';
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

/** Whether sync's state of an article still holds its record (and body), as it must while a device may not have seen its delete. */
function syncKeepsRecord(page, articleId) {
  return page.evaluate(async (wanted) => {
    const db = await new Promise((resolve, reject) => {
      const request = indexedDB.open('em-lens-archive');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const record = await new Promise((resolve, reject) => {
      const request = db.transaction('syncStates').objectStore('syncStates').get(wanted);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    db.close();
    return Boolean(record?.state.content);
  }, articleId);
}

async function send(page, type, payload) {
  const reply = await sendFromExtension(page, { type, payload });
  assert.equal(reply?.ok, true, `${type}: ${JSON.stringify(reply)}`);
  return reply.data;
}

const statusOf = (page) =>
  page.$eval('[data-role="sync-status"]', (el) => ({ state: el.dataset.state, lastSync: el.dataset.lastSync, text: el.textContent }));

/** Sets a form field as a reader's typing does (the panel keeps what was typed before). */
async function fill(page, name, value) {
  await page.$eval(
    `[name="${name}"]`,
    (input, text) => {
      input.value = text;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    },
    value,
  );
}

async function fillConnection(page, { folder = 'EMLens', passphrase = '' } = {}) {
  await fill(page, 'sync-url', dav.url);
  await fill(page, 'sync-user', dav.user);
  await fill(page, 'sync-password', dav.password);
  await fill(page, 'sync-folder', folder);
  await fill(page, 'sync-passphrase', passphrase);
}

/** Every file under `dir` with its text, gzip opened where a file is gzip. */
function filesUnder(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath ?? entry.path, entry.name);
    const bytes = readFileSync(path);
    let text = bytes.toString('utf8');
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) text += gunzipSync(bytes).toString('utf8');
    out.push({ path, size: bytes.length, mtime: statSync(path).mtimeMs, text });
  }
  return out.sort((x, y) => (x.path < y.path ? -1 : 1));
}

/** The sync line of the toolbar popup, opened afresh. */
async function popupStatus(session) {
  const page = await session.browser.newPage();
  try {
    await session.openExtensionPage(page, 'popup.html');
    await page.waitForSelector('[data-role="sync-status"]', { timeout: 10_000 });
    return await statusOf(page);
  } finally {
    await page.close();
  }
}

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

let dav;

describe(`sync through a real WebDAV server (${profiles.join(' + ')})`, { timeout: 300_000 }, () => {
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
    // The form as a 坚果云 reader fills it in (for the README), before the test's own server.
    await fill(a, 'sync-url', 'https://dav.jianguoyun.com/dav/');
    await fill(a, 'sync-user', 'reader@example.com');
    await fill(a, 'sync-password', 'app-password');
    mkdirSync(ARTIFACTS, { recursive: true });
    await (await a.$('.sync')).screenshot({ path: `${ARTIFACTS}/${profiles[0]}-sync-form.png` });
    await fillConnection(a);
    // An empty folder: nothing to preview, the first sync runs at once.
    assert.match((await clickAndWait(a, 'sync-connect', 'ok')).lastSync, /^\d{4}-\d\d-\d\dT/);
    // A folder with articles: what the merge will do, and nothing done until the reader accepts.
    await fillConnection(b);
    const preview = await clickAndWait(b, 'sync-connect', 'preview');
    await (await b.$('.sync')).screenshot({ path: `${ARTIFACTS}/${profiles[1]}-sync-preview.png` });
    assert.match(preview.text, /2\D+2\D+1/, preview.text);
    assert.deepEqual((await archiveOf(b)).map((x) => x.id), [id(2), id(3)]);
    assert.equal(readdirSync(join(dav.dir, 'EMLens', 'devices')).length, 1);
    assert.match((await clickAndWait(b, 'sync-confirm', 'ok')).lastSync, /^\d{4}-\d\d-\d\dT/);
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
    // The listing of devices/ came in pages, and followed; nothing was tried at the root, where 坚果云 refuses writes.
    assert.ok(dav.pagedListings > 0);
    assert.equal(dav.refusedAtRoot, 0);
    // The toolbar popup says the same as the settings page.
    const popup = await popupStatus(sessions[0]);
    assert.equal(popup.state, 'ok');
    assert.equal(popup.lastSync, (await statusOf(a)).lastSync);
    assert.match(popup.text, /\d/);
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

  it('a deleted article’s record and body stop being kept by sync on each device once every device has seen the delete', async () => {
    const [a, b] = pages;
    await send(a, 'bg:delete-article', { id: id(1) });
    await clickAndWait(a, 'sync-now', 'ok');
    // The other device has not seen it yet: an edit made there meanwhile would need the record.
    assert.equal(await syncKeepsRecord(a, id(1)), true);
    await clickAndWait(b, 'sync-now', 'ok');
    // The only other device is the one that deleted it.
    assert.equal(await syncKeepsRecord(b, id(1)), false);
    // The next head the second device writes says it has seen the delete.
    await send(b, 'bg:annotate-article', { id: id(3), tags: ['看过'], note: (await archiveOf(b)).find((x) => x.id === id(3)).note });
    await clickAndWait(b, 'sync-now', 'ok');
    await clickAndWait(a, 'sync-now', 'ok');
    assert.equal(await syncKeepsRecord(a, id(1)), false);
    assert.equal(await syncKeepsRecord(a, id(3)), true);
    const [ea, eb] = [await archiveOf(a), await archiveOf(b)];
    assert.deepEqual(eb, ea);
    assert.deepEqual(ea.map((x) => x.id), [id(2), id(3)]);
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
    ['slow', 'ok', /上次同步|Last sync/],
    ['full', 'error', /空间已满|full/],
    ['unauthorized', 'error', /密码|password/],
    ['cut-upload', 'error', /无法连接|cannot be reached/],
  ]) {
    it(`a server fault (${kind}) leaves both archives whole, and the next sync completes`, async () => {
      const [a, b] = pages;
      const n = 10 + ['slow', 'full', 'unauthorized', 'cut-upload'].indexOf(kind);
      await send(a, 'bg:import-articles', { articles: [article(n)] });
      const before = await archiveOf(a);
      dav.fault = { kind };
      const status = await clickAndWait(a, 'sync-now', state);
      assert.match(status.text, words);
      const popup = await popupStatus(sessions[0]);
      assert.equal(popup.state, state);
      assert.match(popup.text, words);
      dav.fault = null;
      assert.deepEqual(await archiveOf(a), before);
      await clickAndWait(a, 'sync-now', 'ok');
      await clickAndWait(b, 'sync-now', 'ok');
      assert.deepEqual(await archiveOf(b), await archiveOf(a));
      assert.ok((await archiveOf(b)).some((x) => x.id === id(n)));
    });
  }

  it('with a passphrase, no title, body text, tag or note is in plain text in any file on the server', async () => {
    const [a] = pages;
    await clickAndWait(a, 'sync-disconnect', 'off');
    await fillConnection(a, { folder: 'EMLensSecret', passphrase: '两个浏览器的口令 correct horse' });
    const status = await clickAndWait(a, 'sync-connect', 'ok');
    assert.equal(status.state, 'ok');
    const archive = await archiveOf(a);
    assert.ok(archive.length >= 3);
    const secrets = new Set();
    for (const x of archive) {
      secrets.add(x.title);
      secrets.add(x.bodyText);
      for (const tag of x.tags) secrets.add(tag);
      for (const line of x.note.split('\n')) if (line.trim() && !line.startsWith('———')) secrets.add(line.trim());
    }
    // The search below finds them where they are in plain text: the folder synced without a passphrase.
    assert.ok(filesUnder(join(dav.dir, 'EMLens')).some((file) => file.text.includes(archive[0].title)));
    const files = filesUnder(join(dav.dir, 'EMLensSecret'));
    assert.ok(files.some((file) => file.path.endsWith('.ndjson.gz')), 'batches were uploaded');
    for (const file of files) for (const secret of secrets) assert.ok(!file.text.includes(secret), `${secret} in plain text in ${file.path}`);
    assert.ok(!files.some((file) => file.text.includes('correct horse')), 'the passphrase is on the server');
    // Nor is it kept in the browser, where extension storage is plain JSON.
    const kept = await a.evaluate(async () => JSON.stringify(await (globalThis.browser ?? globalThis.chrome).storage.local.get(null)));
    assert.ok(!kept.includes('correct horse'), 'the passphrase is in extension storage');
  });

  it('a wrong passphrase on the second profile says so, writes nothing to the server and leaves its archive as it was', async () => {
    const [a, b] = pages;
    await send(b, 'bg:import-articles', { articles: [article(40, { title: '乙独有的文章' })] });
    await clickAndWait(b, 'sync-disconnect', 'off');
    const archive = await archiveOf(b);
    const files = filesUnder(dav.dir).map(({ path, size, mtime }) => ({ path, size, mtime }));
    const sent = dav.requests.length;
    await fillConnection(b, { folder: 'EMLensSecret', passphrase: '猜错的口令' });
    const refused = await clickAndWait(b, 'sync-connect', 'error');
    assert.match(refused.text, /口令打不开|passphrase does not open/);
    assert.deepEqual(dav.requests.slice(sent).filter((line) => !/^(GET|PROPFIND) /.test(line)), []);
    assert.deepEqual(filesUnder(dav.dir).map(({ path, size, mtime }) => ({ path, size, mtime })), files);
    assert.deepEqual(await archiveOf(b), archive);
    // The right one opens it; both archives then agree, still nothing in plain text.
    await fill(b, 'sync-passphrase', '两个浏览器的口令 correct horse');
    await clickAndWait(b, 'sync-connect', 'preview');
    await clickAndWait(b, 'sync-confirm', 'ok');
    await clickAndWait(a, 'sync-now', 'ok');
    assert.deepEqual(await archiveOf(b), await archiveOf(a));
    assert.ok((await archiveOf(a)).some((x) => x.title === '乙独有的文章'));
    for (const file of filesUnder(join(dav.dir, 'EMLensSecret'))) assert.ok(!file.text.includes('乙独有的文章'), file.path);
  });

  // Last: the server has asked this browser to wait, and it does, for the rest of the run.
  it('坚果云’s BlockedTemporarily stops the run and says when it tries again, with the archive whole', async () => {
    const [a] = pages;
    await send(a, 'bg:annotate-article', { id: id(3), tags: ['限流'], note: '' });
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
