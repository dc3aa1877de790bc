import { describe, expect, it } from 'vitest';
import { annotateArticle, saveArticle } from '../../lib/archive/articles';
import { openArchive } from '../../lib/archive/db';
import { checkSyncConnection, folderUrl, originPattern } from '../../lib/sync/sync-config';
import { createSyncController, SYNC_KEYS, type KeyValue } from '../../lib/sync/sync-controller';
import { archiveKeyStore } from '../../lib/sync/key-store';
import { gunzipSync } from 'fflate';
import { createFakeDav } from './fake-webdav';
import { fakeRecord } from './fixtures';

function memoryStorage(): KeyValue & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    async get<T>(key: string) {
      return structuredClone(data.get(key)) as T | undefined;
    },
    async set(values) {
      for (const [key, value] of Object.entries(values)) data.set(key, structuredClone(value));
    },
    async remove(keys) {
      for (const key of keys) data.delete(key);
    },
  };
}

let n = 0;
async function controller(server: ReturnType<typeof createFakeDav>, granted = true) {
  n += 1;
  const db = await openArchive(`sync-controller-${n}`);
  let time = 1_764_000_000_000;
  const storage = memoryStorage();
  const keys = archiveKeyStore(async () => db);
  const changed: string[][] = [];
  const sync = createSyncController({
    archive: async () => db,
    storage,
    keys,
    fetch: server.fetch,
    hasOrigin: async (pattern) => granted && pattern === 'https://dav.example.test/*',
    now: () => (time += 10),
    sleep: async (ms) => void (time += ms),
    random: () => crypto.getRandomValues(new Uint8Array(8)),
    deviceName: 'test',
    onChanged: (report) => changed.push(report.changed),
  });
  return { db, storage, keys, sync, changed };
}

const connection = { url: 'https://dav.example.test/dav/', user: 'reader', password: 'app-password', folder: 'EMLens', passphrase: '' };

describe('the connection settings', () => {
  it('take https addresses (and http on this machine only), and a plain folder under them', () => {
    expect(checkSyncConnection({ ...connection, url: 'https://dav.jianguoyun.com/dav', folder: '' })).toEqual({
      ok: true,
      value: { url: 'https://dav.jianguoyun.com/dav/', user: 'reader', password: 'app-password', folder: 'EMLens', passphrase: '' },
    });
    expect(checkSyncConnection({ ...connection, url: 'http://nas.local/dav/' }).ok).toBe(false);
    expect(checkSyncConnection({ ...connection, url: 'http://127.0.0.1:8080/' }).ok).toBe(true);
    expect(checkSyncConnection({ ...connection, folder: '../x' }).ok).toBe(false);
    expect(checkSyncConnection({ ...connection, password: '' }).ok).toBe(false);
    expect(folderUrl({ url: 'https://h/dav/', folder: '东财 透镜' })).toBe('https://h/dav/%E4%B8%9C%E8%B4%A2%20%E9%80%8F%E9%95%9C/');
    expect(originPattern('https://dav.jianguoyun.com:443/dav/')).toBe('https://dav.jianguoyun.com/*');
  });
});

describe('the sync controller', () => {
  it('connects, syncs, reports, and disconnects forgetting the password', async () => {
    const server = createFakeDav();
    server.mkdir('/dav/');
    const a = await controller(server);
    const b = await controller(server);
    await saveArticle(a.db, fakeRecord('202601091234500001'), 1_764_000_000_000);
    expect((await a.sync.connect(connection)).state).toBe('ok');
    expect(await b.sync.connect(connection)).toMatchObject({ state: 'preview', preview: { remote: 1, local: 0, shared: 0 } });
    const status = await b.sync.confirm();
    expect(status).toMatchObject({ state: 'ok', server: 'https://dav.example.test/dav/EMLens/', user: 'reader', code: null, last: { created: 1, devices: 2 } });
    expect(b.changed).toEqual([['202601091234500001']]);
    expect(await b.db.count('articles')).toBe(1);
    expect(JSON.stringify(status)).not.toContain('app-password');
    const off = await b.sync.disconnect();
    expect(off.state).toBe('off');
    expect(b.storage.data.has(SYNC_KEYS.config)).toBe(false);
    expect(await b.db.count('articles')).toBe(1);
    expect(await b.db.count('syncStates')).toBe(0);
  });

  it('says so, in a code, when the server origin is not granted or the password is wrong', async () => {
    const server = createFakeDav();
    server.mkdir('/dav/');
    expect(await (await controller(server, false)).sync.connect(connection)).toMatchObject({ state: 'error', code: 'sync-no-permission' });
    expect(await (await controller(server)).sync.connect({ ...connection, password: 'login' })).toMatchObject({ state: 'error', code: 'sync-unauthorized' });
    expect(server.files.size).toBe(0);
  });

  it('runs one sync at a time, and once more for what was asked meanwhile', async () => {
    const server = createFakeDav();
    server.mkdir('/dav/');
    const a = await controller(server);
    await a.sync.connect(connection);
    const before = server.count;
    const [first, second] = await Promise.all([a.sync.syncNow(), a.sync.syncNow()]);
    expect(first).toEqual(second);
    // Two runs of nothing new: the listing each time, no other device yet.
    expect(server.count - before).toBe(2);
  });

  it('shows what the first connection to a folder with articles will do, and merges only once the reader accepts', async () => {
    const server = createFakeDav();
    server.mkdir('/dav/');
    const a = await controller(server);
    const b = await controller(server);
    await saveArticle(a.db, fakeRecord('202601091234500001'), 1_764_000_000_000);
    await saveArticle(a.db, fakeRecord('202601091234500002'), 1_764_000_000_000);
    await saveArticle(b.db, fakeRecord('202601091234500002'), 1_764_000_000_000);
    await saveArticle(b.db, fakeRecord('202601091234500003'), 1_764_000_000_000);
    await a.sync.connect(connection);
    const files = [...server.files.keys()].sort();
    const preview = await b.sync.connect(connection);
    expect(preview).toMatchObject({ state: 'preview', preview: { remote: 2, local: 2, shared: 1 }, server: 'https://dav.example.test/dav/EMLens/' });
    expect(await b.sync.connected()).toBe(false);
    // Nothing merged, nothing written, and a run asked for meanwhile (an alarm) waits too.
    expect((await b.sync.syncNow()).state).toBe('preview');
    expect([...server.files.keys()].sort()).toEqual(files);
    expect(await b.db.count('articles')).toBe(2);
    expect((await b.sync.confirm()).state).toBe('ok');
    expect(await b.db.count('articles')).toBe(3);
    await a.sync.syncNow();
    expect(await a.db.count('articles')).toBe(3);
  });
});

describe('an encrypted folder', () => {
  const secret = { ...connection, passphrase: '正确的口令 horse battery' };

  function serverText(server: ReturnType<typeof createFakeDav>): string {
    const decoder = new TextDecoder();
    return [...server.files.entries()]
      .map(([path, { bytes }]) => {
        let text = decoder.decode(bytes);
        try {
          text += decoder.decode(gunzipSync(bytes));
        } catch {
          // Not gzip: sealed bytes, or JSON.
        }
        return `${path}\n${text}`;
      })
      .join('\n');
  }

  it('keeps no title, body, tag or note in plain text on the server, nor the passphrase anywhere', async () => {
    const server = createFakeDav();
    server.mkdir('/dav/');
    const a = await controller(server);
    await saveArticle(a.db, fakeRecord('202601091234500001', { title: '秘密标题', bodyText: '秘密正文' }), 1_764_000_000_000);
    await annotateArticle(a.db, '202601091234500001', { tags: ['秘密标签'], note: '秘密笔记' }, 1_764_000_000_001);
    expect(await a.sync.connect(secret)).toMatchObject({ state: 'ok', encrypted: true });
    const text = serverText(server);
    for (const word of ['秘密', '202601091234500001', 'horse']) expect(text).not.toContain(word);
    expect(text).toContain('PBKDF2-SHA-256');
    expect(JSON.stringify([...a.storage.data.values()])).not.toContain('horse');
    const key = await a.keys.load();
    expect(key).toMatchObject({ extractable: false, algorithm: { name: 'AES-GCM' } });
  });

  it('refuses a wrong passphrase, or none, and writes nothing to the server or the archive', async () => {
    const server = createFakeDav();
    server.mkdir('/dav/');
    const a = await controller(server);
    const b = await controller(server);
    await saveArticle(a.db, fakeRecord('202601091234500001'), 1_764_000_000_000);
    await saveArticle(b.db, fakeRecord('202601091234500002'), 1_764_000_000_000);
    await a.sync.connect(secret);
    const before = new Map([...server.files].map(([path, file]) => [path, file.etag]));
    const written = () => server.log.filter((line) => !/^(GET|PROPFIND) /.test(line));
    const quiet = written().length;
    expect(await b.sync.connect({ ...secret, passphrase: 'wrong' })).toMatchObject({ state: 'error', code: 'sync-wrong-passphrase', server: null });
    expect(await b.sync.connect({ ...secret, passphrase: '' })).toMatchObject({ state: 'error', code: 'sync-passphrase-needed' });
    expect(written().length).toBe(quiet);
    expect(new Map([...server.files].map(([path, file]) => [path, file.etag]))).toEqual(before);
    expect(await b.db.count('articles')).toBe(1);
    expect(b.storage.data.has(SYNC_KEYS.config)).toBe(false);
    expect(await b.keys.load()).toBeNull();
    expect(await b.sync.connect(secret)).toMatchObject({ state: 'preview', preview: { remote: 1, local: 1, shared: 0 } });
    expect((await b.sync.confirm()).state).toBe('ok');
    await a.sync.syncNow();
    expect(await a.db.count('articles')).toBe(2);
    expect(await b.db.count('articles')).toBe(2);
  });

  it('refuses a passphrase for a folder in plain text', async () => {
    const server = createFakeDav();
    server.mkdir('/dav/');
    await (await controller(server)).sync.connect(connection);
    expect(await (await controller(server)).sync.connect(secret)).toMatchObject({ state: 'error', code: 'sync-not-encrypted' });
  });
});
