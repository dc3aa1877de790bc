/**
 * A WebDAV client of the five plainest verbs (PROPFIND Depth 0/1, GET, PUT,
 * MKCOL, DELETE) over an injected fetch, for the background's service worker:
 * no DOMParser there, so a multistatus reply is read with a small tolerant
 * reader of its few elements. Conditional writes: `If-None-Match: *` (create
 * only) and `If-Match: <etag>`; a 412 is an answer, not an error. Paged
 * listings follow `Link: <…>; rel="next"` (坚果云 gives 750 entries a page).
 * Every other failure becomes a SyncError with a code the reader is told.
 */
import type { Pacer } from './request-pacer';
import { SyncError } from './sync-errors';

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface DavEntry {
  /** The entry's name in the listed folder (decoded), without a trailing slash. */
  name: string;
  collection: boolean;
  etag: string | null;
  size: number | null;
}

export interface DavOptions {
  /** The folder everything lives under, ending in `/`. */
  base: string;
  user: string;
  password: string;
  fetch: FetchLike;
  pacer: Pacer;
  now: () => number;
  /** A request with no reply by then is given up as offline. */
  timeoutMs?: number;
  /** How many listing pages to follow at most. */
  maxPages?: number;
}

export type PutResult = { written: true; etag: string | null } | { written: false };

const PROPFIND_BODY =
  '<?xml version="1.0" encoding="utf-8"?><d:propfind xmlns:d="DAV:"><d:prop><d:resourcetype/><d:getetag/><d:getcontentlength/></d:prop></d:propfind>';

function basicAuth(user: string, password: string): string {
  const bytes = new TextEncoder().encode(`${user}:${password}`);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `Basic ${btoa(binary)}`;
}

/** `a/b c` → `a/b%20c`: each segment encoded, the slashes kept. */
export function encodePath(path: string): string {
  return path
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unescapeXml = (text: string) =>
  text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, name: string) =>
    name[0] === '#'
      ? String.fromCodePoint(name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1)))
      : (XML_ENTITIES[name] ?? whole),
  );

/** The text of the first `<prefix:name>` element in `xml`, any namespace prefix. */
function element(xml: string, name: string): string | null {
  const match = new RegExp(`<(?:[\\w.-]+:)?${name}(?:\\s[^>]*)?(?:/>|>([\\s\\S]*?)</(?:[\\w.-]+:)?${name}\\s*>)`, 'i').exec(xml);
  return match ? (match[1] ?? '') : null;
}

/** The entries of a multistatus reply, each with the path its href names. */
export function parseMultistatus(xml: string): Array<DavEntry & { href: string }> {
  const entries: Array<DavEntry & { href: string }> = [];
  const responses = xml.match(/<(?:[\w.-]+:)?response[\s>][\s\S]*?<\/(?:[\w.-]+:)?response\s*>/gi) ?? [];
  for (const response of responses) {
    const href = element(response, 'href');
    if (href === null) continue;
    // Only properties a 200 propstat gives count (a 404 propstat lists what is missing).
    const propstats = response.match(/<(?:[\w.-]+:)?propstat[\s>][\s\S]*?<\/(?:[\w.-]+:)?propstat\s*>/gi) ?? [response];
    const found = propstats.filter((block) => !/<(?:[\w.-]+:)?status[^>]*>[^<]*\s(?:4|5)\d\d\s/i.test(block)).join('');
    const type = element(found, 'resourcetype') ?? '';
    const etag = element(found, 'getetag');
    const length = element(found, 'getcontentlength');
    const path = unescapeXml(href.trim());
    entries.push({
      href: path,
      name: '',
      collection: /<(?:[\w.-]+:)?collection\b/i.test(type),
      etag: etag ? unescapeXml(etag.trim()) : null,
      size: length && /^\d+$/.test(length.trim()) ? Number(length.trim()) : null,
    });
  }
  return entries;
}

/** The `rel="next"` address of a Link header, resolved against the request's. */
function nextLink(header: string | null, from: string): string | null {
  if (!header) return null;
  for (const part of header.split(/,(?=\s*<)/)) {
    const match = /<([^>]*)>\s*;(.*)/.exec(part.trim());
    if (match && /\brel\s*=\s*"?next"?/i.test(match[2]!)) return new URL(match[1]!, from).href;
  }
  return null;
}

const decodePath = (path: string) => {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
};

export function createDavClient(options: DavOptions) {
  const { base, fetch, pacer, now, timeoutMs = 30_000, maxPages = 100 } = options;
  if (!/^https?:\/\/[^/]+\/(?:.*\/)?$/.test(base)) throw new Error('the sync folder address must be http(s) and end in /');
  const auth = basicAuth(options.user, options.password);
  const basePath = new URL(base).pathname;

  async function request(method: string, url: string, init: { headers?: Record<string, string>; body?: BodyInit | null } = {}): Promise<Response> {
    return pacer.run(async () => {
      const abort = new AbortController();
      const timer = setTimeout(() => abort.abort(), timeoutMs);
      let response: Response;
      try {
        response = await fetch(url, {
          method,
          headers: { Authorization: auth, ...init.headers },
          body: init.body ?? null,
          signal: abort.signal,
          credentials: 'omit',
          cache: 'no-store',
          redirect: 'follow',
        });
      } catch (error) {
        throw new SyncError('sync-offline', `${method} ${url}: ${abort.signal.aborted ? `no reply in ${timeoutMs} ms` : String(error)}`);
      } finally {
        clearTimeout(timer);
      }
      return response;
    });
  }

  /** The error for a reply no caller expects; reads the body for 坚果云's words. */
  async function failure(method: string, url: string, response: Response): Promise<SyncError> {
    const text = await response.text().catch(() => '');
    const what = `${method} ${url}: ${response.status} ${text.slice(0, 200)}`;
    const { status } = response;
    if (status === 401 || (status === 403 && !/ObjectNotFound/i.test(text))) return new SyncError('sync-unauthorized', what);
    if (status === 404 || status === 409 || /ObjectNotFound/i.test(text)) return new SyncError('sync-folder-missing', what);
    if (status === 507 || status === 413 || /InsufficientStorage|QuotaExceeded/i.test(text)) return new SyncError('sync-server-full', what);
    if (status === 429 || (status === 503 && (/BlockedTemporarily|Too many requests/i.test(text) || response.headers.has('Retry-After')))) {
      const after = response.headers.get('Retry-After');
      const seconds = after && /^\d+$/.test(after.trim()) ? Number(after) : 60;
      const retryAt = now() + Math.max(60, seconds) * 1000;
      pacer.block(retryAt);
      return new SyncError('sync-rate-limited', what, retryAt);
    }
    return new SyncError('sync-server-error', what);
  }

  const urlOf = (path: string) => base + encodePath(path);

  async function propfind(path: string, depth: 0 | 1): Promise<DavEntry[] | null> {
    const entries: DavEntry[] = [];
    let url: string | null = urlOf(path);
    const folderPath = new URL(url).pathname.replace(/\/?$/, '/');
    for (let page = 0; url && page < maxPages; page += 1) {
      const response = await request('PROPFIND', url, {
        headers: { Depth: String(depth), 'Content-Type': 'application/xml; charset=utf-8' },
        body: PROPFIND_BODY,
      });
      if (response.status === 404) return null;
      if (response.status !== 207) throw await failure('PROPFIND', url, response);
      for (const entry of parseMultistatus(await response.text())) {
        const entryPath = decodePath(new URL(entry.href, url).pathname);
        const own = decodePath(folderPath);
        const name = entryPath.replace(/\/$/, '') === own.replace(/\/$/, '') ? '' : entryPath.replace(/\/$/, '').split('/').pop()!;
        if (depth === 1 && name === '') continue;
        entries.push({ name, collection: entry.collection, etag: entry.etag, size: entry.size });
      }
      url = nextLink(response.headers.get('Link'), url);
    }
    return entries;
  }

  return {
    base,
    basePath,
    /** The entries of a folder, every page; null when it does not exist. */
    list: (path: string) => propfind(path.replace(/\/?$/, '/').replace(/^\/$/, ''), 1),
    /** One entry, or null when it does not exist. */
    async stat(path: string): Promise<DavEntry | null> {
      const entries = await propfind(path, 0);
      return entries?.[0] ?? null;
    },
    /** A file's bytes and ETag, or null when it does not exist. */
    async get(path: string, ifNoneMatch?: string): Promise<{ bytes: Uint8Array; etag: string | null } | null | 'unchanged'> {
      const url = urlOf(path);
      const response = await request('GET', url, ifNoneMatch ? { headers: { 'If-None-Match': ifNoneMatch } } : {});
      if (response.status === 404) return null;
      if (response.status === 304) return 'unchanged';
      if (response.status !== 200) throw await failure('GET', url, response);
      return { bytes: new Uint8Array(await response.arrayBuffer()), etag: response.headers.get('ETag') };
    },
    /** Writes a file; `create` only where none is, `ifMatch` only over that version. 412: `written: false`. */
    async put(path: string, bytes: Uint8Array, condition: { create: true } | { ifMatch: string } | null, type = 'application/octet-stream'): Promise<PutResult> {
      const url = urlOf(path);
      const headers: Record<string, string> = { 'Content-Type': type };
      if (condition && 'create' in condition) headers['If-None-Match'] = '*';
      if (condition && 'ifMatch' in condition) headers['If-Match'] = condition.ifMatch;
      const response = await request('PUT', url, { headers, body: bytes as Uint8Array<ArrayBuffer> });
      if (response.status === 412) return { written: false };
      if (response.status !== 200 && response.status !== 201 && response.status !== 204) throw await failure('PUT', url, response);
      return { written: true, etag: response.headers.get('ETag') };
    },
    /** Makes a folder; one that is there already is fine. */
    async mkcol(path: string): Promise<void> {
      const url = urlOf(path.replace(/\/?$/, '/'));
      const response = await request('MKCOL', url);
      if (response.status === 201 || response.status === 405 || response.status === 200) return;
      throw await failure('MKCOL', url, response);
    },
    /** Deletes a file; one that is gone already is fine. */
    async remove(path: string): Promise<void> {
      const url = urlOf(path);
      const response = await request('DELETE', url);
      if (response.status === 204 || response.status === 200 || response.status === 404) return;
      throw await failure('DELETE', url, response);
    },
  };
}

export type DavClient = ReturnType<typeof createDavClient>;
