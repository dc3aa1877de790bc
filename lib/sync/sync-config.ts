/**
 * What the reader gives to connect (server address, user, app password,
 * folder), checked where it arrives, and what follows from it: the folder's
 * address and the origin the extension must be granted.
 */
import type { Checked } from '../article-record';
import type { ErrorCode } from '../error-codes';
import type { SyncPreview } from './sync-preview';

export interface SyncConnection {
  /** The WebDAV address, e.g. https://dav.jianguoyun.com/dav/ */
  url: string;
  user: string;
  password: string;
  /** A folder under the address; never empty, since some servers refuse writes at their root. */
  folder: string;
  /**
   * End-to-end encryption when not empty (lib/sync/sync-crypto.ts). Used to
   * make or open the folder's key at connection, then dropped: never kept,
   * never synced.
   */
  passphrase: string;
}

export interface SyncConfig extends Omit<SyncConnection, 'passphrase'> {
  /** This browser's name on the server; new at each connection. */
  device: string;
  deviceName: string;
  /** The folder is encrypted; its key is kept apart (lib/sync/key-store.ts). */
  encrypted: boolean;
  /** The reader accepted the first connection's preview (or the folder was empty): runs may merge. */
  confirmed: boolean;
}

export const DEFAULT_FOLDER = 'EMLens';

/** Sync's entries in extension storage; the pages watch the status one. */
export const SYNC_KEYS = { config: 'syncConfig', memo: 'syncMemo', status: 'syncStatus', pace: 'syncPace' } as const;

/** Where sync is: off, running, done, or stopped with a code. */
export interface SyncStatus {
  /** `preview`: connected to a folder that holds articles, waiting for the reader to accept the merge. */
  state: 'off' | 'syncing' | 'ok' | 'error' | 'preview';
  /** When the last run completed (ms since the epoch). */
  lastSync: number | null;
  code: ErrorCode | null;
  detail: string | null;
  /** For a rate limit: when sync tries again. */
  retryAt: number | null;
  /** What the last completed run did. */
  last: { uploaded: number; downloaded: number; created: number; updated: number; deleted: number; devices: number; corrections: number } | null;
  /** The server address and folder, for the settings page (never the password). */
  server: string | null;
  user: string | null;
  /** What the first connection would merge, while it waits to be accepted. */
  preview: SyncPreview | null;
  encrypted: boolean;
}

export const OFF: SyncStatus = {
  state: 'off',
  lastSync: null,
  code: null,
  detail: null,
  retryAt: null,
  last: null,
  server: null,
  user: null,
  preview: null,
  encrypted: false,
};

const FOLDER = /^[^/\\?#%*:|"<>\u0000-\u001f]{1,80}$/;

export function checkSyncConnection(value: unknown): Checked<SyncConnection> {
  const { url, user, password, folder, passphrase = '' } = (value ?? {}) as Record<string, unknown>;
  if (typeof url !== 'string' || url.length > 500) return { ok: false, error: 'url must be text' };
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return { ok: false, error: 'url is not an address' };
  }
  // Plain http only to this machine: a password is not sent in the clear over a network.
  const loopback = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/.test(parsed.hostname);
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && loopback)) return { ok: false, error: 'url must be https' };
  if (parsed.username || parsed.password || parsed.search || parsed.hash) return { ok: false, error: 'url must not carry a name, query or fragment' };
  if (typeof user !== 'string' || !user.trim() || user.length > 200) return { ok: false, error: 'user must be given' };
  if (typeof password !== 'string' || !password || password.length > 500) return { ok: false, error: 'password must be given' };
  if (typeof passphrase !== 'string' || passphrase.length > 500) return { ok: false, error: 'passphrase must be text' };
  const cleanFolder = typeof folder === 'string' && folder.trim() ? folder.trim().replace(/^\/+|\/+$/g, '') : DEFAULT_FOLDER;
  if (!cleanFolder.split('/').every((segment) => FOLDER.test(segment) && segment !== '.' && segment !== '..')) {
    return { ok: false, error: 'folder must be a plain folder name' };
  }
  const base = parsed.href.replace(/\/?$/, '/');
  return { ok: true, value: { url: base, user: user.trim(), password, folder: cleanFolder, passphrase } };
}

/** The address of the sync folder, ending in `/`. */
export function folderUrl(connection: Pick<SyncConnection, 'url' | 'folder'>): string {
  return `${connection.url}${connection.folder.split('/').map(encodeURIComponent).join('/')}/`;
}

/** The match pattern the extension asks the reader to grant for the server. */
export function originPattern(url: string): string {
  const { protocol, hostname } = new URL(url);
  return `${protocol}//${hostname}/*`;
}

/** A new device id: lowercase, short, unique enough for the handful of browsers one reader has. */
export function newDeviceId(random: Uint8Array): string {
  return `d${[...random.slice(0, 8)].map((byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}
