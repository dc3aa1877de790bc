// A real WebDAV server for the sync tests (Debian's rclone, `rclone serve
// webdav`, on 127.0.0.1) with a small fault proxy in front of it for the
// faults real services have: 坚果云's 503 BlockedTemporarily, 507 when full,
// 401, a slow reply, and a connection cut in the middle of an upload; and,
// always, two of 坚果云's ways: files cannot be written at the WebDAV root,
// and folder listings come in pages (`Link: <…>; rel="next"`, `pageSize`
// entries a page, 750 at 坚果云; smaller here so two devices need two pages).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const RCLONE = '/usr/bin/rclone';

async function freePort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitForPort(port, tries = 100) {
  for (let i = 0; i < tries; i += 1) {
    const open = await new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => (socket.destroy(), resolve(true)));
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`nothing listens on ${port}`);
}

/**
 * @returns {Promise<{ url: string, dir: string, user: string, password: string, requests: string[],
 *   fault: null | { kind: 'blocked' | 'full' | 'unauthorized' | 'cut-upload' | 'slow', after?: number },
 *   stop: () => Promise<void> }>}
 */
export async function startWebDav({ user = 'reader', password = 'app-password', pageSize = 1 } = {}) {
  if (!existsSync(RCLONE)) throw new Error(`${RCLONE} is missing. Install it with:\n  sudo bash test/e2e/install-browsers.sh   (apt-get install -y rclone)`);
  const dir = mkdtempSync(join(tmpdir(), 'em-lens-dav-'));
  const davPort = await freePort();
  const child = spawn(RCLONE, ['serve', 'webdav', dir, '--addr', `127.0.0.1:${davPort}`, '--user', user, '--pass', password, '--config', '/dev/null'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr.on('data', (chunk) => (log += chunk));
  await waitForPort(davPort).catch((error) => {
    child.kill();
    throw new Error(`rclone did not start: ${log}`, { cause: error });
  });

  const state = { fault: null, requests: [], count: 0, pageSize, pagedListings: 0, refusedAtRoot: 0 };
  const proxy = http.createServer((request, response) => {
    state.count += 1;
    state.requests.push(`${request.method} ${decodeURIComponent(request.url)}`);
    const fault = state.fault;
    const due = fault && state.count > (fault.after ?? 0);
    const { pathname, searchParams } = new URL(request.url, 'http://proxy');
    if (['PUT', 'DELETE', 'MOVE', 'COPY'].includes(request.method) && /^\/[^/]+$/.test(pathname)) {
      // 坚果云: nothing is written at the WebDAV root.
      state.refusedAtRoot += 1;
      request.resume();
      response.writeHead(409, { 'Content-Type': 'text/xml' });
      response.end('<?xml version="1.0"?><d:error xmlns:d="DAV:" xmlns:s="http://ns.jianguoyun.com"><s:exception>ObjectNotFound</s:exception></d:error>');
      return;
    }
    if (due && fault.kind === 'blocked') {
      response.writeHead(503, { 'Content-Type': 'text/xml' });
      response.end('<?xml version="1.0"?><d:error xmlns:d="DAV:" xmlns:s="http://ns.jianguoyun.com"><s:exception>BlockedTemporarily</s:exception><s:message>Too many requests are received recently</s:message></d:error>');
      return;
    }
    if (due && fault.kind === 'full' && request.method === 'PUT') {
      request.resume();
      response.writeHead(507);
      response.end();
      return;
    }
    if (due && fault.kind === 'unauthorized') {
      request.resume();
      response.writeHead(401, { 'WWW-Authenticate': 'Basic realm="dav"' });
      response.end();
      return;
    }
    if (due && fault.kind === 'cut-upload' && request.method === 'PUT' && request.url.endsWith('.gz')) {
      // Half the body reaches the server, then the connection drops.
      request.once('data', () => request.socket.destroy());
      return;
    }
    const paged = request.method === 'PROPFIND' && request.headers.depth === '1';
    const forward = () => {
      const upstream = http.request(
        { host: '127.0.0.1', port: davPort, method: request.method, path: paged ? pathname : request.url, headers: request.headers },
        (reply) => {
          if (!paged || reply.statusCode !== 207) {
            response.writeHead(reply.statusCode ?? 502, reply.headers);
            reply.pipe(response);
            return;
          }
          // The folder's own entry on the first page, then `pageSize` entries a page.
          let xml = '';
          reply.setEncoding('utf8');
          reply.on('data', (chunk) => (xml += chunk));
          reply.on('end', () => {
            const entries = xml.match(/<D:response>[\s\S]*?<\/D:response>/g) ?? [];
            const [own, ...children] = entries;
            const page = Number(searchParams.get('page') ?? '1');
            const slice = children.slice((page - 1) * state.pageSize, page * state.pageSize);
            const headers = { 'Content-Type': 'application/xml; charset=utf-8' };
            if (page * state.pageSize < children.length) {
              headers.Link = `<${pathname}?page=${page + 1}>; rel="next"`;
              state.pagedListings += 1;
            }
            const body = `<?xml version="1.0" encoding="UTF-8"?><D:multistatus xmlns:D="DAV:">${page === 1 && own ? own : ''}${slice.join('')}</D:multistatus>`;
            response.writeHead(207, headers);
            response.end(body);
          });
        },
      );
      upstream.on('error', () => response.destroy());
      request.pipe(upstream);
    };
    // A slow reply: the one request that falls due waits 3 s, the rest go on as usual.
    if (due && fault.kind === 'slow' && state.count === (fault.after ?? 0) + 1) setTimeout(forward, 3000);
    else forward();
  });
  const proxyPort = await freePort();
  await new Promise((resolve) => proxy.listen(proxyPort, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${proxyPort}/`,
    dir,
    user,
    password,
    get requests() {
      return state.requests;
    },
    /** Listings that had a next page, and writes refused at the root. */
    get pagedListings() {
      return state.pagedListings;
    },
    get refusedAtRoot() {
      return state.refusedAtRoot;
    },
    get fault() {
      return state.fault;
    },
    set fault(next) {
      state.count = 0;
      state.fault = next;
    },
    async stop() {
      await new Promise((resolve) => proxy.close(resolve));
      proxy.closeAllConnections?.();
      child.kill();
      await new Promise((resolve) => child.once('exit', resolve));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
