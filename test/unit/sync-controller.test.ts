import { describe, expect, it } from 'vitest';
import { saveArticle } from '../../lib/archive/articles';
import { openArchive } from '../../lib/archive/db';
import { checkSyncConnection, folderUrl, originPattern } from '../../lib/sync/sync-config';
import { createSyncController, SYNC_KEYS, type KeyValue } from '../../lib/sync/sync-controller';
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
  const changed: string[][] = [];
  const sync = createSyncController({
    archive: async () => db,
    storage,
    fetch: server.fetch,
    hasOrigin: async (pattern) => granted && pattern === 'https://dav.example.test/*',
    now: () => (time += 10),
    sleep: async (ms) => void (time += ms),
    random: () => crypto.getRandomValues(new Uint8Array(8)),
    deviceName: 'test',
    onChanged: (report) => changed.push(report.changed),
  });
  return { db, storage, sync, changed };
}

const connection = { url: 'https://dav.example.test/dav/', user: 'reader', password: 'app-password', folder: 'EMLens' };

describe('the connection settings', () => {
  it('take https addresses (and http on this machine only), and a plain folder under them', () => {
    expect(checkSyncConnection({ ...connection, url: 'https://dav.jianguoyun.com/dav', folder: '' })).toEqual({
      ok: true,
      value: { url: 'https://dav.jianguoyun.com/dav/', user: 'reader', password: 'app-password', folder: 'EMLens' },
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
    const status = await b.sync.connect(connection);
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
});
