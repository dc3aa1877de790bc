/**
 * An in-process WebDAV server for unit tests only (the end-to-end tests run a
 * real one): files and folders in memory, ETags, conditional PUT, Basic auth,
 * paged PROPFIND, and a hook for the faults real services have.
 */
export type Fault = (request: { method: string; path: string; count: number }) =>
  | Response
  | 'hang'
  /** The server does the write, then the connection drops before the reply. */
  | 'cut-after'
  /** The connection drops before the server sees the request. */
  | 'cut-before'
  | null
  | undefined;

export interface FakeDavOptions {
  user?: string;
  password?: string;
  /** Entries a PROPFIND page holds before `Link: rel="next"`. */
  pageSize?: number;
  /** Refuse writes directly in the root, as 坚果云 does. */
  refuseRootWrites?: boolean;
}

export function createFakeDav({ user = 'reader', password = 'app-password', pageSize = 750, refuseRootWrites = true }: FakeDavOptions = {}) {
  const files = new Map<string, { bytes: Uint8Array; etag: string }>();
  const folders = new Set<string>(['/']);
  let version = 0;
  let count = 0;
  const log: string[] = [];
  let fault: Fault | null = null;
  const origin = 'https://dav.example.test';

  const parent = (path: string) => path.replace(/\/[^/]+\/?$/, '/') || '/';
  const xmlEscape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');

  function entryXml(path: string): string {
    const href = path.split('/').map(encodeURIComponent).join('/');
    const file = files.get(path);
    const props = file
      ? `<d:resourcetype/><d:getetag>${xmlEscape(file.etag)}</d:getetag><d:getcontentlength>${file.bytes.length}</d:getcontentlength>`
      : '<d:resourcetype><d:collection/></d:resourcetype>';
    return `<d:response><d:href>${xmlEscape(href)}</d:href><d:propstat><d:prop>${props}</d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>`;
  }

  async function handle(method: string, path: string, headers: Headers, body: Uint8Array | null, url: URL): Promise<Response> {
    const auth = headers.get('Authorization');
    if (auth !== `Basic ${btoa(`${user}:${password}`)}`) return new Response('Unauthorized', { status: 401 });
    const isFolderPath = path.endsWith('/');
    const key = isFolderPath && path !== '/' ? path.slice(0, -1) : path;
    switch (method) {
      case 'PROPFIND': {
        const folder = folders.has(key) || folders.has(key + '/') ? (key.endsWith('/') ? key : `${key}/`) : null;
        if (!folder && !files.has(key)) return new Response('', { status: 404 });
        const own = folder ?? key;
        let children: string[] = [];
        if (folder && headers.get('Depth') === '1') {
          children = [
            ...[...folders].filter((f) => f !== folder && parent(f) === folder),
            ...[...files.keys()].filter((f) => parent(f) === folder),
          ].sort();
        }
        const pageNo = Number(url.searchParams.get('page') ?? '0');
        const page = children.slice(pageNo * pageSize, (pageNo + 1) * pageSize);
        const more = (pageNo + 1) * pageSize < children.length;
        const xml = `<?xml version="1.0"?><d:multistatus xmlns:d="DAV:">${(pageNo === 0 ? [own] : []).concat(page).map(entryXml).join('')}</d:multistatus>`;
        const responseHeaders: Record<string, string> = { 'Content-Type': 'application/xml' };
        if (more) responseHeaders.Link = `<${url.pathname}?page=${pageNo + 1}>; rel="next"`;
        return new Response(xml, { status: 207, headers: responseHeaders });
      }
      case 'GET': {
        const file = files.get(key);
        if (!file) return new Response('', { status: 404 });
        if (headers.get('If-None-Match') === file.etag) return new Response(null, { status: 304, headers: { ETag: file.etag } });
        return new Response(file.bytes.slice() as Uint8Array<ArrayBuffer>, { status: 200, headers: { ETag: file.etag } });
      }
      case 'PUT': {
        if (refuseRootWrites && parent(key) === '/') return new Response('<error xmlns="http://ns.jianguoyun.com">ObjectNotFound</error>', { status: 409 });
        if (!folders.has(parent(key))) return new Response('', { status: 409 });
        const existing = files.get(key);
        if (headers.get('If-None-Match') === '*' && existing) return new Response('', { status: 412 });
        const ifMatch = headers.get('If-Match');
        if (ifMatch && existing?.etag !== ifMatch) return new Response('', { status: 412 });
        version += 1;
        const etag = `"v${version}"`;
        files.set(key, { bytes: body ?? new Uint8Array(), etag });
        return new Response(null, { status: existing ? 204 : 201, headers: { ETag: etag } });
      }
      case 'MKCOL': {
        const folder = key.endsWith('/') ? key : `${key}/`;
        if (refuseRootWrites && parent(folder) === '/') return new Response('ObjectNotFound', { status: 409 });
        if (folders.has(folder)) return new Response('', { status: 405 });
        if (!folders.has(parent(folder))) return new Response('', { status: 409 });
        folders.add(folder);
        return new Response(null, { status: 201 });
      }
      case 'DELETE': {
        if (files.delete(key)) return new Response(null, { status: 204 });
        const folder = key.endsWith('/') ? key : `${key}/`;
        if (folders.has(folder)) {
          for (const f of [...folders]) if (f.startsWith(folder)) folders.delete(f);
          for (const f of [...files.keys()]) if (f.startsWith(folder)) files.delete(f);
          return new Response(null, { status: 204 });
        }
        return new Response('', { status: 404 });
      }
      default:
        return new Response('', { status: 405 });
    }
  }

  async function fetch(input: string, init: RequestInit = {}): Promise<Response> {
    const url = new URL(input);
    const method = (init.method ?? 'GET').toUpperCase();
    const path = decodeURIComponent(url.pathname);
    count += 1;
    log.push(`${method} ${path}`);
    const headers = new Headers(init.headers);
    const raw = init.body;
    const body: Uint8Array | null = ArrayBuffer.isView(raw) ? new Uint8Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength)) : typeof raw === 'string' ? new TextEncoder().encode(raw) : null;
    const injected = fault?.({ method, path, count });
    if (injected instanceof Response) return injected;
    if (injected === 'cut-before') throw new TypeError('Failed to fetch');
    if (injected === 'hang') {
      return new Promise((_resolve, reject) => {
        init.signal?.addEventListener('abort', () => reject(new DOMException('The operation was aborted.', 'AbortError')));
      });
    }
    const response = await handle(method, path, headers, body, url);
    if (injected === 'cut-after') throw new TypeError('Failed to fetch');
    return response;
  }

  return {
    origin,
    fetch,
    files,
    folders,
    log,
    get count() {
      return count;
    },
    /** Sets (or with null clears) the fault hook. */
    setFault(next: Fault | null) {
      fault = next;
    },
    mkdir(path: string) {
      folders.add(path.endsWith('/') ? path : `${path}/`);
    },
  };
}

export type FakeDav = ReturnType<typeof createFakeDav>;
