import { describe, expect, it } from 'vitest';
import { createDavClient, parseMultistatus } from '../../lib/sync/webdav-client';
import { createPacer } from '../../lib/sync/request-pacer';
import { SyncError } from '../../lib/sync/sync-errors';
import { createFakeDav, type FakeDav } from './fake-webdav';

function setup(options: Parameters<typeof createFakeDav>[0] = {}, password = 'app-password') {
  const server = createFakeDav(options);
  server.mkdir('/dav/');
  server.mkdir('/dav/em-lens/');
  let time = 1_764_000_000_000;
  const waits: number[] = [];
  const pacer = createPacer({
    now: () => time,
    sleep: async (ms) => {
      waits.push(ms);
      time += ms;
    },
  });
  const client = createDavClient({
    base: `${server.origin}/dav/em-lens/`,
    user: 'reader',
    password,
    fetch: server.fetch,
    pacer,
    now: () => time,
    timeoutMs: 50,
  });
  return { server, client, pacer, waits, advance: (ms: number) => (time += ms), now: () => time };
}

const bytes = (text: string) => new TextEncoder().encode(text);

async function codeOfFailure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return error instanceof SyncError ? error.code : `not a SyncError: ${String(error)}`;
  }
  return 'no failure';
}

describe('the WebDAV client', () => {
  it('writes, reads, lists and deletes', async () => {
    const { client } = setup();
    await client.mkcol('devices');
    expect(await client.put('devices/a.json', bytes('{"a":1}'), { create: true })).toMatchObject({ written: true });
    const got = await client.get('devices/a.json');
    expect(got !== null && got !== 'unchanged' && new TextDecoder().decode(got.bytes)).toBe('{"a":1}');
    expect(await client.list('devices')).toEqual([{ name: 'a.json', collection: false, etag: expect.any(String), size: 7 }]);
    expect(await client.get('devices/none.json')).toBeNull();
    expect(await client.list('nowhere')).toBeNull();
    await client.remove('devices/a.json');
    expect(await client.list('devices')).toEqual([]);
  });

  it('creates only where nothing is, and overwrites only the version it read (412 is an answer)', async () => {
    const { client } = setup();
    const first = await client.put('head.json', bytes('1'), { create: true });
    expect(await client.put('head.json', bytes('2'), { create: true })).toEqual({ written: false });
    expect(first.written).toBe(true);
    const etag = first.written ? first.etag! : '';
    const second = await client.put('head.json', bytes('2'), { ifMatch: etag });
    expect(second.written).toBe(true);
    expect(await client.put('head.json', bytes('3'), { ifMatch: etag })).toEqual({ written: false });
    const got = await client.get('head.json');
    expect(got !== null && got !== 'unchanged' && new TextDecoder().decode(got.bytes)).toBe('2');
    expect(await client.get('head.json', second.written ? second.etag! : '')).toBe('unchanged');
  });

  it('follows paged listings (Link: rel="next")', async () => {
    const { client, server } = setup({ pageSize: 3 });
    await client.mkcol('many');
    for (let i = 0; i < 8; i += 1) await client.put(`many/f${i}.json`, bytes('x'), { create: true });
    const listed = await client.list('many');
    expect(listed?.map((entry) => entry.name)).toEqual(['f0.json', 'f1.json', 'f2.json', 'f3.json', 'f4.json', 'f5.json', 'f6.json', 'f7.json']);
    expect(server.log.filter((line) => line.startsWith('PROPFIND'))).toHaveLength(3);
  });

  it('encodes names and reads them back', async () => {
    const { client } = setup();
    await client.mkcol('设备 一');
    await client.put('设备 一/批 1.json', bytes('x'), { create: true });
    expect((await client.list('设备 一'))?.map((entry) => entry.name)).toEqual(['批 1.json']);
  });

  it('reads multistatus replies in any namespace prefix, ignoring properties a 404 propstat lists', () => {
    const xml = `<?xml version="1.0"?><multistatus xmlns="DAV:" xmlns:lp1="DAV:"><response><href>/dav/a%20b/</href>
      <propstat><prop><lp1:resourcetype><collection/></lp1:resourcetype></prop><status>HTTP/1.1 200 OK</status></propstat>
      <propstat><prop><getetag/><getcontentlength/></prop><status>HTTP/1.1 404 Not Found</status></propstat></response>
      <D:response xmlns:D="DAV:"><D:href>/dav/a%20b/x.gz</D:href><D:propstat><D:prop><D:resourcetype/><D:getetag>&quot;e1&quot;</D:getetag>
      <D:getcontentlength>12</D:getcontentlength></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response></multistatus>`;
    expect(parseMultistatus(xml)).toEqual([
      { href: '/dav/a%20b/', name: '', collection: true, etag: null, size: null },
      { href: '/dav/a%20b/x.gz', name: '', collection: false, etag: '"e1"', size: 12 },
    ]);
  });

  it('words each failure as a code', async () => {
    const { client, server } = setup();
    expect(await codeOfFailure(setup({}, 'login-password').client.list(''))).toBe('sync-unauthorized');
    server.setFault(() => new Response('', { status: 507 }));
    expect(await codeOfFailure(client.put('x', bytes('x'), { create: true }))).toBe('sync-server-full');
    server.setFault(() => new Response('', { status: 502 }));
    expect(await codeOfFailure(client.get('x'))).toBe('sync-server-error');
    server.setFault(() => 'cut-before');
    expect(await codeOfFailure(client.get('x'))).toBe('sync-offline');
    server.setFault(() => 'hang');
    expect(await codeOfFailure(client.get('x'))).toBe('sync-offline');
    server.setFault(null);
    const root = setup();
    const rootClient = createDavClient({ base: `${root.server.origin}/`, user: 'reader', password: 'app-password', fetch: root.server.fetch, pacer: root.pacer, now: root.now });
    expect(await codeOfFailure(rootClient.put('format.json', bytes('x'), { create: true }))).toBe('sync-folder-missing');
  });

  it('stops at 坚果云’s BlockedTemporarily, says when to try again, and sends nothing until then', async () => {
    const { client, server, advance, now } = setup();
    server.setFault(() => new Response('<error>BlockedTemporarily: Too many requests are received recently</error>', { status: 503 }));
    let failure: unknown;
    await client.get('x').catch((error) => (failure = error));
    expect(failure).toBeInstanceOf(SyncError);
    expect((failure as SyncError).code).toBe('sync-rate-limited');
    const retryAt = (failure as SyncError).retryAt!;
    expect(retryAt).toBeGreaterThanOrEqual(now() + 60_000);
    server.setFault(null);
    const before = server.count;
    expect(await codeOfFailure(client.get('x'))).toBe('sync-rate-limited');
    expect(server.count).toBe(before);
    advance(retryAt - now());
    expect(await client.get('x')).toBeNull();
  });

  it('honours Retry-After on 429', async () => {
    const { client, server, now } = setup();
    server.setFault(() => new Response('', { status: 429, headers: { 'Retry-After': '300' } }));
    const failure = await client.get('x').catch((error: SyncError) => error);
    expect((failure as SyncError).retryAt).toBe(now() + 300_000);
  });
});

describe('the pacer', () => {
  it('runs one request at a time, at least 200 ms apart', async () => {
    const { client, waits, server } = setup();
    let inFlight = 0;
    let most = 0;
    const inner = server.fetch;
    const counting: FakeDav['fetch'] = async (url, init) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await Promise.resolve();
      try {
        return await inner(url, init);
      } finally {
        inFlight -= 1;
      }
    };
    const paced = createDavClient({ ...{ base: client.base, user: 'reader', password: 'app-password' }, fetch: counting, pacer: setup().pacer, now: Date.now });
    await Promise.all([paced.get('a'), paced.get('b'), paced.get('c')]);
    expect(most).toBe(1);
    await Promise.all([client.get('a'), client.get('b'), client.get('c')]);
    expect(waits).toEqual([200, 200]);
  });

  it('keeps to its budget per half hour, across restarts', async () => {
    let time = 0;
    const pacer = createPacer({ now: () => time, sleep: async (ms) => void (time += ms), budget: 3, gapMs: 0 });
    for (let i = 0; i < 3; i += 1) await pacer.run(async () => i);
    const refused = await pacer.run(async () => 'x').catch((error: SyncError) => error);
    expect(refused).toMatchObject({ code: 'sync-rate-limited', retryAt: 30 * 60_000 });
    const restarted = createPacer({ now: () => time, sleep: async () => {}, budget: 3, ...pacer.state() });
    await expect(restarted.run(async () => 'x')).rejects.toMatchObject({ code: 'sync-rate-limited' });
    time = 30 * 60_000 + 1;
    await expect(restarted.run(async () => 'x')).resolves.toBe('x');
  });
});
