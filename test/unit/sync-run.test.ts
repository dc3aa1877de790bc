import { beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { annotateArticle, deleteArticle, getListing, saveArticle } from '../../lib/archive/articles';
import { openArchive } from '../../lib/archive/db';
import { collectArticles } from '../../lib/archive/export-articles';
import { changeCorrection, listCorrections } from '../../lib/archive/corrections-store';
import { countsForSecids } from '../../lib/archive/facets';
import { readPrevious } from '../../lib/archive/previous-version';
import type { ArchiveDb } from '../../lib/archive/schema';
import { APPLY_CHUNK, createArchiveSyncStore } from '../../lib/sync/archive-sync-store';
import { decodeBatch } from '../../lib/sync/remote-layout';
import { createPacer } from '../../lib/sync/request-pacer';
import { EMPTY_MEMO, runSync, type SyncMemo, type SyncReport } from '../../lib/sync/sync-run';
import { SyncError } from '../../lib/sync/sync-errors';
import { createDavClient } from '../../lib/sync/webdav-client';
import { newEncryption } from '../../lib/sync/sync-crypto';
import { openFolder } from '../../lib/sync/sync-run';
import { createFakeDav, type FakeDav } from './fake-webdav';
import { fakeRecord } from './fixtures';

let dbCounter = 0;
let time = 1_764_000_000_000;
const now = () => time;

async function makeDevice(server: FakeDav, name: string, password = 'app-password', key: CryptoKey | null = null, { forget = true, timeoutMs = 20 } = {}) {
  dbCounter += 1;
  const db = await openArchive(`sync-run-${dbCounter}`);
  const kept = createArchiveSyncStore(db, name);
  // forget: false keeps every dead state's record, as sync did before it could let them go: the reference the property below compares with.
  const store = forget ? kept : { ...kept, forgetDeletedContent: async () => 0 };
  let memo: SyncMemo = structuredClone(EMPTY_MEMO);
  const pacer = createPacer({ now, sleep: async (ms) => void (time += ms) });
  const client = createDavClient({ base: `${server.origin}/dav/em-lens/`, user: 'reader', password, fetch: server.fetch, pacer, now, timeoutMs });
  return {
    db,
    store,
    pacer,
    async sync(extra: { allowMassDelete?: boolean } = {}): Promise<SyncReport> {
      time += 1000;
      return runSync({ client, store, memo, saveMemo: async (next) => void (memo = structuredClone(next)), deviceName: name, now, key, ...extra });
    },
    get memo() {
      return memo;
    },
  };
}
type Device = Awaited<ReturnType<typeof makeDevice>>;

async function exported(db: ArchiveDb) {
  const articles = await collectArticles(db);
  return articles.sort((a, b) => (a.id < b.id ? -1 : 1));
}

async function failureOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return error instanceof SyncError ? error.code : `other: ${String(error)}`;
  }
  return 'none';
}

const id = (n: number) => `2026010912345${String(n).padStart(5, '0')}`;

let server: FakeDav;
beforeEach(() => {
  server = createFakeDav();
  server.mkdir('/dav/');
});

/** Syncs the devices in turn until a round changes nothing on any of them. */
async function settle(devices: Device[]) {
  for (let round = 0; round < 4; round += 1) {
    let moved = 0;
    for (const device of devices) {
      const report = await device.sync();
      moved += report.uploaded + report.downloaded;
    }
    if (!moved) return;
  }
}

describe('two devices syncing through one folder', () => {
  it('merge their different archives on first connection, and agree', async () => {
    const a = await makeDevice(server, 'dev-aaaa');
    const b = await makeDevice(server, 'dev-bbbb');
    await saveArticle(a.db, fakeRecord(id(1)), time);
    await saveArticle(a.db, fakeRecord(id(2)), time);
    await annotateArticle(a.db, id(2), { tags: ['银行'], note: '甲' }, time + 1);
    await saveArticle(b.db, fakeRecord(id(2), { title: '乙的标题' }), time + 5);
    await annotateArticle(b.db, id(2), { tags: ['地产'], note: '乙' }, time + 6);
    await saveArticle(b.db, fakeRecord(id(3)), time);
    await settle([a, b]);
    const ea = await exported(a.db);
    expect(ea.map((x) => x.id)).toEqual([id(1), id(2), id(3)]);
    expect(await exported(b.db)).toEqual(ea);
    const shared = ea[1]!;
    expect(shared.tags.sort()).toEqual(['地产', '银行']);
    expect(shared.note).toContain('甲');
    expect(shared.note).toContain('乙');
    expect(server.files.has('/dav/em-lens/format.json')).toBe(true);
  });

  it('converge by the rules after tags on one, a note on both, a delete on one and an edit on the other', async () => {
    const a = await makeDevice(server, 'dev-aaaa');
    const b = await makeDevice(server, 'dev-bbbb');
    for (let n = 1; n <= 3; n += 1) await saveArticle(a.db, fakeRecord(id(n)), time);
    await settle([a, b]);
    time += 10_000;
    await annotateArticle(a.db, id(1), { tags: ['银行', '券商'], note: '' }, time);
    await annotateArticle(a.db, id(2), { tags: [], note: '甲的笔记' }, time + 1);
    await annotateArticle(b.db, id(2), { tags: [], note: '乙的笔记' }, time + 2);
    await deleteArticle(a.db, id(3));
    await annotateArticle(b.db, id(3), { tags: ['留着'], note: '' }, time + 3);
    await settle([a, b]);
    const ea = await exported(a.db);
    expect(await exported(b.db)).toEqual(ea);
    expect(ea.find((x) => x.id === id(1))?.tags).toEqual(['银行', '券商']);
    expect(ea.find((x) => x.id === id(2))?.note).toMatch(/^乙的笔记\n\n——— 冲突副本 · conflict copy · .* UTC ———\n甲的笔记$/);
    expect(ea.find((x) => x.id === id(3))?.tags).toEqual(['留着']);
    await deleteArticle(b.db, id(3));
    await settle([a, b]);
    expect(await getListing(a.db, id(3))).toBeUndefined();
  });

  it('costs at most 3 + devices requests when nothing changed, and one head read per other device', async () => {
    const devices = [await makeDevice(server, 'dev-aaaa'), await makeDevice(server, 'dev-bbbb'), await makeDevice(server, 'dev-cccc')];
    await saveArticle(devices[0]!.db, fakeRecord(id(1)), time);
    await settle(devices);
    const before = server.count;
    await devices[1]!.sync();
    expect(server.count - before).toBeLessThanOrEqual(3 + devices.length);
    expect(server.log.slice(before)).toEqual(['PROPFIND /dav/em-lens/devices/', 'GET /dav/em-lens/devices/dev-aaaa/head.json', 'GET /dav/em-lens/devices/dev-cccc/head.json']);
    await annotateArticle(devices[0]!.db, id(1), { tags: ['x'], note: '' }, time);
    const beforeChange = server.count;
    await devices[0]!.sync();
    // One batch and the head up, the listing and two heads read.
    expect(server.count - beforeChange).toBeLessThanOrEqual(5);
    expect(server.log.slice(beforeChange).map((line) => line.split(' ')[0])).toEqual(['PUT', 'PUT', 'PROPFIND', 'GET', 'GET']);
    // Received: the listing, the changed head and its one batch, and the unchanged head (no body).
    const beforeReceive = server.count;
    const received = await devices[1]!.sync();
    expect(received.downloaded).toBe(1);
    expect(server.log.slice(beforeReceive)).toEqual([
      'PROPFIND /dav/em-lens/devices/',
      'GET /dav/em-lens/devices/dev-aaaa/head.json',
      'GET /dav/em-lens/devices/dev-aaaa/b-00000002.ndjson.gz',
      'GET /dav/em-lens/devices/dev-cccc/head.json',
    ]);
    expect((await getListing(devices[1]!.db, id(1)))?.tags).toEqual(['x']);
  });

  it('packs a first sync into full batches: 600 articles go up in 2 batches, not one per 200', async () => {
    const a = await makeDevice(server, 'dev-aaaa');
    for (let n = 1; n <= 600; n += 1) await saveArticle(a.db, fakeRecord(id(n)), time);
    const report = await a.sync();
    expect(report.uploaded).toBe(2);
    const b = await makeDevice(server, 'dev-bbbb');
    expect((await b.sync()).created).toBe(600);
  });

  it('keeps nothing in plain sight but what it must: batches are gzip', async () => {
    const a = await makeDevice(server, 'dev-aaaa');
    await saveArticle(a.db, fakeRecord(id(1), { title: '独一无二的标题' }), time);
    await a.sync();
    const batch = [...server.files.entries()].find(([path]) => path.endsWith('.ndjson.gz'))!;
    expect(batch[1].bytes[0]).toBe(0x1f);
    expect(new TextDecoder().decode(batch[1].bytes)).not.toContain('独一无二');
  });
});

describe('a downloaded batch applied in parts', () => {
  it('resumes after the last part that landed when the background stops between two, and applies none twice', async () => {
    const a = await openArchive(`sync-parts-a-${++dbCounter}`);
    const count = APPLY_CHUNK * 2 + 30;
    for (let n = 1; n <= count; n += 1) await saveArticle(a, fakeRecord(id(n)), time + n);
    const sender = createArchiveSyncStore(a, 'dev-aaaa');
    await sender.collectLocal({ now: time + count + 1 });
    const [queued] = await sender.outbox();
    const batch = decodeBatch(queued!.bytes, 'dev-aaaa', queued!.seq);
    expect(batch.states).toHaveLength(count);

    const b = await openArchive(`sync-parts-b-${++dbCounter}`);
    const open = b.transaction.bind(b);
    let writes = 0;
    // The second part's transaction never starts: the background stopped there.
    b.transaction = ((stores: string | string[], mode?: IDBTransactionMode) => {
      if (mode === 'readwrite' && [stores].flat().includes('syncOutbox') && ++writes === 2) throw new Error('stopped');
      return open(stores as never, mode);
    }) as typeof b.transaction;
    const receiver = createArchiveSyncStore(b, 'dev-bbbb');
    await expect(receiver.applyBatch('dev-aaaa', 1, batch.states, now())).rejects.toThrow('stopped');
    expect(await b.count('articles')).toBe(APPLY_CHUNK);
    expect(await receiver.cursors()).toEqual({});

    b.transaction = open;
    const rest = await receiver.applyBatch('dev-aaaa', 1, batch.states, now());
    expect(rest).toMatchObject({ applied: true, created: count - APPLY_CHUNK, updated: 0 });
    expect(await receiver.cursors()).toEqual({ 'dev-aaaa': 1 });
    expect(await receiver.applyBatch('dev-aaaa', 1, batch.states, now())).toMatchObject({ applied: false, created: 0 });
    expect(await exported(b)).toEqual(await exported(a));
    a.close();
    b.close();
  });
});

describe('facet counts of a whole batch', () => {
  const facetsOf = async (db: ArchiveDb) => {
    const all = await db.getAll('facets');
    return all.sort((x, y) => (`${x.type}${x.value}` < `${y.type}${y.value}` ? -1 : 1));
  };
  const shared = (n: number) => [
    { secid: '0.000931', market: 0, code: '000931', name: '中关村', kind: 'stock' as const, count: 1, order: 0 },
    { secid: `1.60000${n % 3}`, market: 1, code: `60000${n % 3}`, name: `股${n % 3}`, kind: 'stock' as const, count: 1, order: 1 },
  ];

  it('are what saving each article on its own gives, as many articles sharing securities arrive, change and go', async () => {
    const a = await makeDevice(server, 'dev-aaaa');
    const b = await makeDevice(server, 'dev-bbbb');
    for (let n = 1; n <= 40; n += 1) await saveArticle(a.db, fakeRecord(id(n), { mentions: shared(n), source: n % 2 ? '第一财经' : '证券时报' }), time + n);
    await settle([a, b]);
    expect(await countsForSecids(b.db, ['0.000931', '1.600000', '1.600001'])).toEqual({ '0.000931': 40, '1.600000': 13, '1.600001': 14 });
    expect(await facetsOf(b.db)).toEqual(await facetsOf(a.db));

    time += 10_000;
    // Five deletes: under the mass-delete guard's floor.
    for (let n = 1; n <= 5; n += 1) await deleteArticle(a.db, id(n));
    for (let n = 11; n <= 20; n += 1) await annotateArticle(a.db, id(n), { tags: ['半导体', `t${n % 2}`], note: '' }, time + n);
    for (let n = 21; n <= 25; n += 1) await saveArticle(a.db, fakeRecord(id(n), { mentions: shared(n).slice(1), title: `改 ${n}` }), time + n);
    await settle([a, b]);
    expect(await countsForSecids(b.db, ['0.000931', '1.600000', '1.600001'])).toEqual({ '0.000931': 30, '1.600000': 12, '1.600001': 12 });
    expect(await facetsOf(b.db)).toEqual(await facetsOf(a.db));
    expect(await exported(b.db)).toEqual(await exported(a.db));
  });
});

describe('a first sync of a large archive', () => {
  it('sends its first batches while the rest are still being collected, and the other device gets them all', async () => {
    const a = await makeDevice(server, 'dev-aaaa');
    const b = await makeDevice(server, 'dev-bbbb');
    for (let n = 1; n <= 1200; n += 1) await saveArticle(a.db, fakeRecord(id(n)), time + n);
    const events: string[] = [];
    const collect = a.store.collectLocal;
    a.store.collectLocal = async (options) => {
      const result = await collect({ ...options, onQueued: () => (events.push('queued'), options.onQueued?.()) });
      events.push('collected');
      return result;
    };
    server.setFault(({ method, path }) => (method === 'PUT' && path.endsWith('.ndjson.gz') && events.push('sent'), null));
    const report = await a.sync();
    server.setFault(null);
    expect(report.uploaded).toBe(3);
    expect(events.filter((event) => event === 'sent')).toHaveLength(3);
    expect(events.indexOf('sent')).toBeLessThan(events.indexOf('collected'));
    await b.sync();
    expect((await exported(b.db)).length).toBe(1200);
    expect(await exported(b.db)).toEqual(await exported(a.db));
  }, 60_000);
});

describe('faults', () => {
  it('a connection cut after the server took a batch: the next run finds it there and goes on', async () => {
    const a = await makeDevice(server, 'dev-aaaa');
    const b = await makeDevice(server, 'dev-bbbb');
    await a.sync();
    await saveArticle(a.db, fakeRecord(id(1)), time);
    server.setFault(({ method, path }) => (method === 'PUT' && path.endsWith('.ndjson.gz') ? 'cut-after' : null));
    expect(await failureOf(a.sync())).toBe('sync-offline');
    server.setFault(null);
    await a.sync();
    await b.sync();
    expect((await exported(b.db)).map((x) => x.id)).toEqual([id(1)]);
  });

  it('a download cut between two batches resumes after the last one applied, and applies none twice', async () => {
    const a = await makeDevice(server, 'dev-aaaa');
    const b = await makeDevice(server, 'dev-bbbb');
    for (let n = 1; n <= 3; n += 1) {
      await saveArticle(a.db, fakeRecord(id(n)), time);
      await a.sync();
    }
    let gets = 0;
    server.setFault(({ method, path }) => (method === 'GET' && path.endsWith('.gz') && ++gets === 2 ? 'hang' : null));
    expect(await failureOf(b.sync())).toBe('sync-offline');
    expect((await exported(b.db)).map((x) => x.id)).toEqual([id(1)]);
    server.setFault(null);
    const report = await b.sync();
    expect(report.downloaded).toBe(2);
    expect(await exported(b.db)).toEqual(await exported(a.db));
  });

  it('full server (507), server errors, rate limits and a wrong password end with both archives whole, and the next sync completing', async () => {
    const a = await makeDevice(server, 'dev-aaaa');
    const b = await makeDevice(server, 'dev-bbbb');
    await saveArticle(a.db, fakeRecord(id(1)), time);
    await saveArticle(b.db, fakeRecord(id(2)), time);
    await settle([a, b]);
    await annotateArticle(a.db, id(1), { tags: ['甲'], note: '' }, time);
    await annotateArticle(b.db, id(2), { tags: ['乙'], note: '' }, time);
    const faults: Array<[string, (r: { method: string; path: string }) => Response | null]> = [
      ['sync-server-full', (r) => (r.method === 'PUT' ? new Response('', { status: 507 }) : null)],
      ['sync-server-error', (r) => (r.method === 'GET' ? new Response('', { status: 500 }) : null)],
      ['sync-rate-limited', () => new Response('BlockedTemporarily', { status: 503 })],
      ['sync-unauthorized', () => new Response('', { status: 401 })],
    ];
    for (const [code, fault] of faults) {
      server.setFault(fault);
      expect(await failureOf(a.sync())).toBe(code);
      expect(await failureOf(b.sync())).toMatch(code === 'sync-rate-limited' ? /sync-rate-limited/ : new RegExp(code));
      server.setFault(null);
      time += 120_000;
    }
    expect((await exported(a.db)).map((x) => [x.id, x.tags])).toEqual([[id(1), ['甲']], [id(2), []]]);
    await settle([a, b]);
    const ea = await exported(a.db);
    expect(ea.map((x) => [x.id, x.tags])).toEqual([[id(1), ['甲']], [id(2), ['乙']]]);
    expect(await exported(b.db)).toEqual(ea);
  });

  it('a head whose write failed is written at the next run, though no batch is left to send', async () => {
    const a = await makeDevice(server, 'dev-aaaa');
    const b = await makeDevice(server, 'dev-bbbb');
    await a.sync();
    await saveArticle(a.db, fakeRecord(id(1)), time);
    server.setFault(({ method, path }) => (method === 'PUT' && path.endsWith('head.json') ? new Response('', { status: 500 }) : null));
    expect(await failureOf(a.sync())).toBe('sync-server-error');
    server.setFault(null);
    expect(await a.db.count('syncOutbox')).toBe(0);
    await b.sync();
    expect(await exported(b.db)).toEqual([]);
    await a.sync();
    await b.sync();
    expect((await exported(b.db)).map((x) => x.id)).toEqual([id(1)]);
  });

  it('a 412 on the head (its ETag lost) rewrites the head when it is ours', async () => {
    const a = await makeDevice(server, 'dev-aaaa');
    await a.sync();
    await saveArticle(a.db, fakeRecord(id(1)), time);
    a.memo.headEtag = '"stale"';
    let first = true;
    server.setFault(({ method, path }) => (method === 'PUT' && path.endsWith('head.json') && first ? ((first = false), new Response('', { status: 412 })) : null));
    await a.sync();
    const head = JSON.parse(new TextDecoder().decode(server.files.get('/dav/em-lens/devices/dev-aaaa/head.json')!.bytes));
    expect(head.seq).toBe(1);
  });

  it('another browser under the same device name is stopped, not overwritten', async () => {
    const a = await makeDevice(server, 'dev-aaaa');
    const twin = await makeDevice(server, 'dev-aaaa');
    await saveArticle(a.db, fakeRecord(id(1)), time);
    await a.sync();
    await saveArticle(twin.db, fakeRecord(id(2)), time);
    expect(await failureOf(twin.sync())).toBe('sync-device-clash');
  });

  it('stops before deleting more than a tenth of the archive, and goes on when confirmed', async () => {
    const a = await makeDevice(server, 'dev-aaaa');
    const b = await makeDevice(server, 'dev-bbbb');
    for (let n = 1; n <= 20; n += 1) await saveArticle(a.db, fakeRecord(id(n)), time);
    await settle([a, b]);
    for (let n = 1; n <= 10; n += 1) await deleteArticle(a.db, id(n));
    expect(await failureOf(a.sync())).toBe('sync-mass-delete');
    expect(await a.db.count('syncOutbox')).toBe(0);
    await a.sync({ allowMassDelete: true });
    expect(await failureOf(b.sync())).toBe('sync-mass-delete');
    expect(await b.db.count('articles')).toBe(20);
    await b.sync({ allowMassDelete: true });
    expect(await b.db.count('articles')).toBe(10);
  });

  it('counts the deletes of a device over its batches: a few at a time still meet the guard', async () => {
    const a = await makeDevice(server, 'dev-aaaa');
    const b = await makeDevice(server, 'dev-bbbb');
    for (let n = 1; n <= 20; n += 1) await saveArticle(a.db, fakeRecord(id(n)), time);
    await settle([a, b]);
    // Three runs of three deletes: each under the floor of five on its own.
    for (const first of [1, 4, 7]) {
      for (let n = first; n < first + 3; n += 1) await deleteArticle(a.db, id(n));
      await a.sync();
    }
    // B takes the first batch in (three deletes), and stops at the second (six in all, over a tenth of 20).
    expect(await failureOf(b.sync())).toBe('sync-mass-delete');
    expect(await b.db.count('articles')).toBe(17);
    await b.sync({ allowMassDelete: true });
    expect(await b.db.count('articles')).toBe(11);
  });

  it('refuses a folder of another program', async () => {
    server.mkdir('/dav/em-lens/');
    server.files.set('/dav/em-lens/format.json', { bytes: new TextEncoder().encode('{"format":"joplin"}'), etag: '"j"' });
    const a = await makeDevice(server, 'dev-aaaa');
    expect(await failureOf(a.sync())).toBe('sync-not-our-folder');
  });
});

describe('convergence through the server', () => {
  it('two devices editing at random, with syncs and cut connections between, end with the same archive', async () => {
    const step = fc.record({
      device: fc.integer({ min: 0, max: 1 }),
      action: fc.constantFrom('save', 'tag', 'note', 'delete', 'sync', 'sync-cut'),
      article: fc.integer({ min: 1, max: 4 }),
      word: fc.constantFrom('甲', '乙', '丙'),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 20 }), async (steps) => {
        server = createFakeDav();
        server.mkdir('/dav/');
        const devices = [await makeDevice(server, 'dev-aaaa'), await makeDevice(server, 'dev-bbbb')];
        for (const s of steps) {
          const device = devices[s.device]!;
          time += 1000;
          const target = id(s.article);
          const listing = await getListing(device.db, target);
          switch (s.action) {
            case 'save':
              await saveArticle(device.db, fakeRecord(target, { title: `标题${s.word}` }), time);
              break;
            case 'tag':
              if (listing) await annotateArticle(device.db, target, { tags: [...new Set([...listing.tags, s.word])], note: listing.note }, time);
              break;
            case 'note':
              if (listing) await annotateArticle(device.db, target, { tags: listing.tags, note: s.word }, time);
              break;
            case 'delete':
              await deleteArticle(device.db, target);
              break;
            case 'sync':
              await device.sync({ allowMassDelete: true });
              break;
            case 'sync-cut': {
              let n = 0;
              server.setFault(() => (++n === 4 ? 'cut-after' : null));
              await device.sync({ allowMassDelete: true }).catch(() => {});
              server.setFault(null);
              break;
            }
          }
        }
        for (let round = 0; round < 3; round += 1) for (const device of devices) await device.sync({ allowMassDelete: true });
        expect(await exported(devices[1]!.db)).toEqual(await exported(devices[0]!.db));
        for (const device of devices) device.db.close();
      }),
      { numRuns: 40 },
    );
  }, 60_000);
});

const DAY = 24 * 60 * 60 * 1000;

describe('letting go of deleted articles', () => {
  /** Whether sync still keeps the article's record (and body) in its state. */
  const keepsRecord = async (device: Device, article: string) => Boolean((await device.db.get('syncStates', article))?.state.content);

  it('keeps a deleted article’s record until every device has seen the delete, then only its stamps', async () => {
    const [a, b, c] = [await makeDevice(server, 'dev-aaaa'), await makeDevice(server, 'dev-bbbb'), await makeDevice(server, 'dev-cccc')];
    await saveArticle(a.db, fakeRecord(id(1)), time);
    await saveArticle(a.db, fakeRecord(id(2)), time);
    await settle([a, b, c]);
    await deleteArticle(a.db, id(1));
    await a.sync();
    await b.sync();
    // The delete has reached two of three: both still keep the record.
    expect((await a.store.deaths())[id(1)]).toEqual(['dev-aaaa', 2]);
    for (const device of [a, b]) expect(await keepsRecord(device, id(1))).toBe(true);
    await c.sync();
    expect(await keepsRecord(c, id(1))).toBe(true);
    // A device that only reads says what it has seen about once a day: then all three know, and each lets go.
    for (let day = 0; day < 2; day += 1) {
      time += DAY;
      await settle([a, b, c]);
    }
    for (const device of [a, b, c]) {
      expect(await keepsRecord(device, id(1))).toBe(false);
      expect(await keepsRecord(device, id(2))).toBe(true);
      expect(await device.store.deaths()).toEqual({});
      expect((await exported(device.db)).map((article) => article.id)).toEqual([id(2)]);
    }
    // Saved again later on one device, it is back everywhere, the same.
    await saveArticle(b.db, fakeRecord(id(1), { title: '又存了一次' }), time);
    await settle([a, b, c]);
    expect((await getListing(c.db, id(1)))?.title).toBe('又存了一次');
    expect(await exported(a.db)).toEqual(await exported(b.db));
    expect(await exported(c.db)).toEqual(await exported(b.db));
  });

  it('keeps it while a device has not seen the delete: a tag added there meanwhile keeps the article on both', async () => {
    const a = await makeDevice(server, 'dev-aaaa');
    const b = await makeDevice(server, 'dev-bbbb');
    await saveArticle(a.db, fakeRecord(id(1)), time);
    await settle([a, b]);
    time += DAY;
    await deleteArticle(a.db, id(1));
    await annotateArticle(b.db, id(1), { tags: ['留着'], note: '' }, time);
    // a syncs, for days, before b has run once: it must keep what b's tag needs (a tag carries no record).
    for (let day = 0; day < 3; day += 1) {
      await a.sync();
      time += DAY;
    }
    expect(await keepsRecord(a, id(1))).toBe(true);
    await settle([a, b]);
    for (const device of [a, b]) expect((await getListing(device.db, id(1)))?.tags).toEqual(['留着']);
    expect(await a.store.deaths()).toEqual({});
  });

  it('never changes what the archives end with: random saves, edits, deletes and days end as they do with every record kept', async () => {
    const step = fc.record({
      device: fc.integer({ min: 0, max: 1 }),
      action: fc.constantFrom('save', 'tag', 'note', 'delete', 'sync', 'sync', 'sync', 'day'),
      article: fc.integer({ min: 1, max: 2 }),
      word: fc.constantFrom('甲', '乙'),
    });
    let forgotten = 0;
    // Somewhere in each run an article is saved, synced and deleted on one device, so that nearly every run has
    // something to let go (left to chance alone, few of them did); what comes before and after is random.
    const deletedAfterSync = fc
      .record({ device: fc.integer({ min: 0, max: 1 }), article: fc.integer({ min: 1, max: 2 }), word: fc.constantFrom('甲', '乙') })
      .map(({ device, article, word }) => (['save', 'sync', 'delete', 'sync'] as const).map((action) => ({ device, action, article, word })));
    const run = fc
      .tuple(fc.array(step, { maxLength: 15 }), deletedAfterSync, fc.array(step, { maxLength: 15 }))
      .map(([before, middle, after]) => [...before, ...middle, ...after]);
    await fc.assert(
      fc.asyncProperty(run, async (steps) => {
        const servers = [createFakeDav(), createFakeDav()];
        for (const one of servers) one.mkdir('/dav/');
        // A request's time-out in real time, long enough for a machine under load: a sync that timed out in one
        // pair and not the other would make the pairs differ for a reason that is not the one under test.
        const lenient = { timeoutMs: 10_000 };
        const pairs = [
          [await makeDevice(servers[0]!, 'dev-aaaa', undefined, null, lenient), await makeDevice(servers[0]!, 'dev-bbbb', undefined, null, lenient)],
          [
            await makeDevice(servers[1]!, 'dev-aaaa', undefined, null, { ...lenient, forget: false }),
            await makeDevice(servers[1]!, 'dev-bbbb', undefined, null, { ...lenient, forget: false }),
          ],
        ];
        // Both pairs do each step at the same moment (the clock is shared), so their stamps and times are the same.
        for (const s of steps) {
          time += s.action === 'day' ? DAY : 1000;
          const at = time;
          const target = id(s.article);
          for (const pair of pairs) {
            time = at;
            const device = pair[s.device]!;
            const listing = await getListing(device.db, target);
            if (s.action === 'save') await saveArticle(device.db, fakeRecord(target, { title: `标题${s.word}` }), time);
            if (s.action === 'tag' && listing) await annotateArticle(device.db, target, { tags: [...new Set([...listing.tags, s.word])], note: listing.note }, time);
            if (s.action === 'note' && listing) await annotateArticle(device.db, target, { tags: listing.tags, note: s.word }, time);
            if (s.action === 'delete') await deleteArticle(device.db, target);
            if (s.action === 'sync') forgotten += (await device.sync({ allowMassDelete: true })).forgotten;
          }
        }
        // Days apart, so that each device's head says what it has seen.
        for (let round = 0; round < 3; round += 1) {
          time += DAY;
          const at = time;
          for (const pair of pairs) {
            time = at;
            for (const device of pair) forgotten += (await device.sync({ allowMassDelete: true })).forgotten;
          }
        }
        const [forgetting, keeping] = pairs as [Device[], Device[]];
        expect(await exported(forgetting[1]!.db)).toEqual(await exported(forgetting[0]!.db));
        expect(await exported(forgetting[0]!.db)).toEqual(await exported(keeping[0]!.db));
        for (const device of forgetting) expect(await device.store.deaths()).toEqual({});
        for (const device of pairs.flat()) device.db.close();
      }),
      { numRuns: 100 },
    );
    // The property ran where there was something to let go, not only where there was not.
    expect(forgotten).toBeGreaterThan(0);
  }, 120_000);
});

describe('the reader’s relevance corrections', () => {
  const doubtful = { secid: '0.000931', name: '中关村', articleId: null, verdict: 'doubtful' } as const;

  it('travel to the other device with the likely counts they change, and a clear travels too', async () => {
    const a = await makeDevice(server, 'dev-aaaa');
    const b = await makeDevice(server, 'dev-bbbb');
    await saveArticle(a.db, fakeRecord(id(1)), time);
    await settle([a, b]);
    expect(await countsForSecids(b.db, ['0.000931'])).toEqual({ '0.000931': 1 });

    const at = time;
    await changeCorrection(a.db, { set: doubtful }, at);
    await settle([a, b]);
    expect(Object.values(await listCorrections(b.db))).toEqual([{ ...doubtful, at }]);
    expect(await countsForSecids(b.db, ['0.000931'])).toEqual({ '0.000931': 0 });
    expect((await getListing(b.db, id(1)))?.likelySecids).toEqual([]);

    await changeCorrection(b.db, { clear: doubtful }, time + 1);
    await settle([a, b]);
    expect(await listCorrections(a.db)).toEqual({});
    expect(await countsForSecids(a.db, ['0.000931'])).toEqual({ '0.000931': 1 });
    expect(await exported(a.db)).toEqual(await exported(b.db));
  });

  it('made on both devices between syncs end the same on both: the one the reader made later wins, whichever syncs first', async () => {
    const a = await makeDevice(server, 'dev-aaaa');
    const b = await makeDevice(server, 'dev-bbbb');
    await saveArticle(a.db, fakeRecord(id(1)), time);
    await settle([a, b]);
    await changeCorrection(a.db, { set: doubtful }, time);
    time += 5;
    await changeCorrection(b.db, { set: { ...doubtful, verdict: 'likely' } }, time);
    await b.sync();
    await a.sync();
    await settle([a, b]);
    const [ca, cb] = [await listCorrections(a.db), await listCorrections(b.db)];
    expect(ca).toEqual(cb);
    expect(Object.values(ca)).toMatchObject([{ verdict: 'likely' }]);
    expect(await countsForSecids(a.db, ['0.000931'])).toEqual(await countsForSecids(b.db, ['0.000931']));
  });

  it('cost nothing when none changed: a run with no change uploads nothing', async () => {
    const a = await makeDevice(server, 'dev-aaaa');
    await changeCorrection(a.db, { set: doubtful }, time);
    expect((await a.sync()).uploaded).toBe(1);
    expect((await a.sync()).uploaded).toBe(0);
  });
});

describe('an encrypted folder', () => {
  it('seals every file but format.json, and a batch whose reply was lost is found there on the next run though sealed anew', async () => {
    const { key, header } = await newEncryption('口令', 250_000);
    server.mkdir('/dav/em-lens/');
    server.files.set('/dav/em-lens/format.json', { bytes: new TextEncoder().encode(JSON.stringify({ format: 'em-lens-sync', version: 1, encryption: header })), etag: '"f"' });
    const a = await makeDevice(server, 'dev-aaaa', 'app-password', key);
    const b = await makeDevice(server, 'dev-bbbb', 'app-password', key);
    await saveArticle(a.db, fakeRecord(id(1), { title: '独一无二的标题' }), time);
    server.setFault(({ method, path }) => (method === 'PUT' && path.endsWith('.ndjson.gz') ? 'cut-after' : null));
    expect(await failureOf(a.sync())).toBe('sync-offline');
    server.setFault(null);
    await settle([a, b]);
    expect(await exported(b.db)).toEqual(await exported(a.db));
    for (const [path, file] of server.files) {
      if (path.endsWith('format.json')) continue;
      expect(file.bytes[0] === 0x1f && file.bytes[1] === 0x8b, path).toBe(false);
      expect(new TextDecoder().decode(file.bytes), path).not.toMatch(/独一无二|em-lens-sync/);
    }
  });

  it('opens with the kept key, and not with another folder’s', async () => {
    const { key, header } = await newEncryption('口令', 250_000);
    const other = await newEncryption('口令', 250_000);
    server.mkdir('/dav/em-lens/');
    server.files.set('/dav/em-lens/format.json', { bytes: new TextEncoder().encode(JSON.stringify({ format: 'em-lens-sync', version: 1, encryption: header })), etag: '"f"' });
    const client = createDavClient({ base: `${server.origin}/dav/em-lens/`, user: 'reader', password: 'app-password', fetch: server.fetch, pacer: createPacer({ now, sleep: async () => {} }), now });
    expect(await openFolder(client, { passphrase: null, key })).toBe(key);
    expect(await failureOf(openFolder(client, { passphrase: null, key: other.key }))).toBe('sync-wrong-passphrase');
    expect(await failureOf(openFolder(client, { passphrase: '不对', key: null }))).toBe('sync-wrong-passphrase');
    expect(await failureOf(openFolder(client, { passphrase: null, key: null }))).toBe('sync-passphrase-needed');
  });
});

describe('the version a change replaced', () => {
  it('is kept on the device a changed title arrives at, as a save there would keep it, and forgotten with a delete', async () => {
    const a = await makeDevice(server, 'dev-aaaa');
    const b = await makeDevice(server, 'dev-bbbb');
    await saveArticle(a.db, fakeRecord(id(1), { title: '原来的标题' }), time);
    await settle([a, b]);
    time += 10_000;
    await saveArticle(a.db, fakeRecord(id(1), { title: '改过的标题' }), time);
    await settle([a, b]);
    expect((await getListing(b.db, id(1)))?.title).toBe('改过的标题');
    expect((await readPrevious(b.db, id(1)))?.title).toBe('原来的标题');
    await deleteArticle(a.db, id(1));
    await settle([a, b]);
    expect(await readPrevious(b.db, id(1))).toBeUndefined();
  });
});
