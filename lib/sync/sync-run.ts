/**
 * One sync run: make sure the folder is ours, upload this device's waiting
 * batches (create-only, so a retry after a cut connection is harmless) and
 * its head, then read every other device's head and apply the batches it has
 * not applied yet, one transaction each. Any failure stops the run with a
 * code; what was done stays done, and the next run goes on from there.
 *
 * Requests: a run with nothing new lists `devices/` and reads each other
 * device's head (If-None-Match, so an unchanged head costs no body): 1 +
 * (devices − 1). The first run also checks the folder and format.json and
 * makes this device's folder.
 */
import type { ArchiveSyncStore } from './archive-sync-store';
import type { DavClient } from './webdav-client';
import {
  DEVICES_PATH,
  FORMAT_PATH,
  batchPath,
  decodeBatch,
  decodeHead,
  devicePath,
  encodeFormat,
  encodeHead,
  headPath,
  isDeviceId,
  readFormat,
} from './remote-layout';
import { fileCipher, newEncryption, openEncryption, type FileCipher } from './sync-crypto';
import { SyncError } from './sync-errors';
import { waitedLater } from './waited-later';

/** What a run keeps between runs besides the archive's own records (extension storage). */
export interface SyncMemo {
  /** The folder was checked (format.json is ours, device folder made). */
  prepared: boolean;
  /** This device's head.json ETag as last written. */
  headEtag: string | null;
  /** The last batch that head names: a head left behind its batches (its write failed) is written at the next run. */
  headSeq?: number;
  /** Each other device's head.json ETag as last read fully applied. */
  seenHeads: Record<string, string>;
  /** Each other device's `seen` (its head's: what it had applied of every device), from the head last applied in full. */
  seenBy?: Record<string, Record<string, number>>;
  /** The `seen` this device's head last said, and when it was written. */
  headSeen?: Record<string, number>;
  headWrittenAt?: number;
}

export const EMPTY_MEMO: SyncMemo = { prepared: false, headEtag: null, seenHeads: {} };

export interface SyncReport {
  uploaded: number;
  downloaded: number;
  created: number;
  updated: number;
  deleted: number;
  devices: number;
  /** How many of the reader's relevance corrections arrived changed. */
  corrections: number;
  /** Ids whose archive entries changed (for the search index and open tabs). */
  changed: string[];
  /** Deleted articles whose record and body sync stopped keeping, every device having seen them deleted. */
  forgotten: number;
}

/**
 * How long a head may go on naming what this device had applied before it
 * is written again for that alone. The head is written whenever this device
 * has batches to name; a device that only reads tells the others what it has
 * seen about once a day, which is soon enough for letting go of deleted
 * articles' records and costs a run no request.
 */
export const SEEN_REFRESH_MS = 24 * 60 * 60 * 1000;

const sameSeen = (a: Record<string, number> = {}, b: Record<string, number>) =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([device, seq]) => b[device] === seq);

export interface RunOptions {
  client: DavClient;
  store: ArchiveSyncStore;
  memo: SyncMemo;
  /** Called whenever the memo changes, to be kept. */
  saveMemo: (memo: SyncMemo) => Promise<void>;
  deviceName: string;
  now: () => number;
  /** The reader confirmed a run that deletes more than a tenth of the archive. */
  allowMassDelete?: boolean;
  /** The folder's key, when it is encrypted: every file but format.json is sealed with it. */
  key?: CryptoKey | null;
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((byte, i) => byte === b[i]);

/**
 * Opens the folder: makes it and its format.json when there are none (with a
 * new key from `passphrase` when one is given), or checks the format.json
 * there against the passphrase, or against the key kept from the last
 * connection. Returns the folder's key, or null for a folder in plain text.
 * A wrong passphrase (or a folder that does not match) stops here, before
 * anything is written.
 */
export async function openFolder(client: DavClient, secret: { passphrase: string | null; key: CryptoKey | null }): Promise<CryptoKey | null> {
  const folder = await client.stat('');
  if (folder && !folder.collection) throw new SyncError('sync-folder-missing', 'the sync address names a file, not a folder');
  let format = folder ? await client.get(FORMAT_PATH) : null;
  let made: CryptoKey | null = null;
  if (format === null) {
    if (!folder) await client.mkcol('');
    if (!secret.passphrase && secret.key) throw new SyncError('sync-passphrase-needed', `${FORMAT_PATH} is gone; the folder needs its passphrase again`);
    const fresh = secret.passphrase ? await newEncryption(secret.passphrase) : null;
    const bytes = encodeFormat(fresh?.header ?? null);
    const put = await client.put(FORMAT_PATH, bytes, { create: true }, 'application/json');
    // 412: another device made it first; read theirs.
    if (put.written) {
      format = { bytes, etag: put.etag };
      made = fresh?.key ?? null;
    } else format = await client.get(FORMAT_PATH);
  }
  const read = format && format !== 'unchanged' ? readFormat(format.bytes) : null;
  if (!read) throw new SyncError('sync-not-our-folder', `${FORMAT_PATH} is not an EM Lens sync format this version reads`);
  if (made) return made;
  if (!read.encryption) {
    if (secret.passphrase || secret.key) throw new SyncError('sync-not-encrypted', 'the folder is in plain text');
    return null;
  }
  if (secret.passphrase) return openEncryption(read.encryption, secret.passphrase);
  if (!secret.key) throw new SyncError('sync-passphrase-needed', 'the folder is encrypted');
  // The kept key must still open this folder's check (the folder may have been made again with another passphrase).
  await fileCipher(secret.key).open(Uint8Array.from(atob(read.encryption.check), (c) => c.charCodeAt(0)), `${FORMAT_PATH}#check`).catch(() => {
    throw new SyncError('sync-wrong-passphrase', 'the kept key does not open this folder');
  });
  return secret.key;
}

async function prepare(client: DavClient, device: string, key: CryptoKey | null): Promise<void> {
  await openFolder(client, { passphrase: null, key });
  await client.mkcol(DEVICES_PATH);
  await client.mkcol(devicePath(device));
}

/** Files as they go to the server and come back: sealed with the folder's key, or as they are. */
function sealer(key: CryptoKey | null | undefined): FileCipher {
  if (!key) return { seal: async (bytes) => bytes, open: async (bytes) => bytes };
  return fileCipher(key);
}

async function writeHead(options: RunOptions, seq: number): Promise<void> {
  const { client, store, memo, now, deviceName } = options;
  const files = sealer(options.key);
  const path = headPath(store.device);
  const type = options.key ? 'application/octet-stream' : 'application/json';
  // Read before the head goes: every batch applied up to these cursors queued its merges before it, so they are in `seq`.
  const seen = await store.cursors();
  const bytes = await files.seal(encodeHead({ device: store.device, seq, name: deviceName, writtenAt: now(), seen }), path);
  let put = await client.put(path, bytes, memo.headEtag ? { ifMatch: memo.headEtag } : { create: true }, type);
  if (!put.written) {
    // Our last write's ETag was lost (or is not the server's): overwrite only a head that is ours and not ahead of us.
    const current = await client.get(path);
    const head = current && current !== 'unchanged' ? decodeHead(await files.open(current.bytes, path).catch(() => new Uint8Array()), store.device) : null;
    if (current && current !== 'unchanged' && (!head || head.seq > seq)) {
      throw new SyncError('sync-device-clash', `head of ${store.device} is at ${head?.seq ?? '?'}, this browser at ${seq}`);
    }
    put = await client.put(
      path,
      bytes,
      current && current !== 'unchanged' && current.etag ? { ifMatch: current.etag } : current ? null : { create: true },
      type,
    );
    if (!put.written) throw new SyncError('sync-device-clash', `head of ${store.device} changes under this browser`);
  }
  memo.headEtag = put.etag;
  memo.headSeq = seq;
  memo.headSeen = seen;
  memo.headWrittenAt = now();
  await options.saveMemo(memo);
}

/**
 * Uploads the waiting batches, oldest first, one at a time. With `more`, it
 * waits for more when the outbox is empty (false: no more will come), so a
 * first sync's batches go up while the rest are still being collected.
 */
async function upload(options: RunOptions, report: SyncReport, more?: (seen: number) => Promise<boolean>, queued = () => 0): Promise<number> {
  const { client, store } = options;
  const files = sealer(options.key);
  let sent = 0;
  for (;;) {
    const seen = queued();
    const batch = await store.nextOutbox();
    if (!batch) {
      if (more && (await more(seen))) continue;
      return sent;
    }
    const path = batchPath(store.device, batch.seq);
    const sealed = await files.seal(batch.bytes, path);
    const put = await client.put(path, sealed, { create: true }, options.key ? 'application/octet-stream' : 'application/gzip');
    if (!put.written) {
      // Already there: our own earlier upload whose reply was lost, or another browser under our name.
      // (Sealed twice, the same batch differs in its IV: what is compared is what it opens to.)
      const there = await client.get(path);
      const opened = there && there !== 'unchanged' ? await files.open(there.bytes, path).catch(() => null) : null;
      if (!opened || !sameBytes(opened, batch.bytes)) {
        throw new SyncError('sync-device-clash', `${path} on the server is not this browser's`);
      }
    }
    await store.uploaded(batch.seq);
    report.uploaded += 1;
    sent += 1;
  }
}

/**
 * Takes the local changes into the outbox and uploads them as they are
 * queued; then the head, when it is behind the batches (or there is none yet). A
 * failed upload still waits for the collecting to finish: nothing of the run
 * goes on writing after it has ended.
 */
async function collectAndUpload(options: RunOptions, report: SyncReport): Promise<void> {
  const { store, now } = options;
  let queued = 0;
  let collected = false;
  let wake = () => {};
  const collecting = store
    .collectLocal({ now: now(), allowMassDelete: options.allowMassDelete ?? false, onQueued: () => (queued += 1, wake()) })
    .finally(() => {
      collected = true;
      wake();
    });
  // Waited for below in every case, also when a batch's upload fails first.
  waitedLater(collecting);
  const more = (seen: number) =>
    collected ? Promise.resolve(false) : queued !== seen ? Promise.resolve(true) : new Promise<boolean>((resolve) => (wake = () => resolve(true)));
  try {
    await upload(options, report, more, () => queued);
  } catch (error) {
    await collecting.catch(() => undefined);
    throw error;
  }
  await collecting;
  // Anything queued after the upload's last look (the wake that ended the wait came with the end).
  await upload(options, report);
  await writeHeadIfBehind(options);
}

async function writeHeadIfBehind(options: RunOptions): Promise<void> {
  const { memo, store, now } = options;
  const seq = await store.lastSeq();
  const behind = memo.headEtag === null || memo.headSeq !== seq;
  const seenIsOld = !behind && now() - (memo.headWrittenAt ?? 0) >= SEEN_REFRESH_MS && !sameSeen(memo.headSeen, await store.cursors());
  if (behind || seenIsOld) await writeHead(options, seq);
}

/** Reads and checks batch `seq` of `device`. */
async function fetchBatch(client: DavClient, files: FileCipher, device: string, seq: number) {
  const path = batchPath(device, seq);
  const file = await client.get(path);
  if (file === null || file === 'unchanged') throw new SyncError('sync-server-error', `${path} is missing`);
  const bytes = await files.open(file.bytes, path);
  try {
    return decodeBatch(bytes, device, seq);
  } catch (error) {
    throw new SyncError('sync-server-error', (error as Error).message);
  }
}

/** Applies what every other device has written since the last run; returns the other devices the folder lists. */
async function download(options: RunOptions, report: SyncReport): Promise<string[]> {
  const { client, store, memo, now } = options;
  const files = sealer(options.key);
  const entries = (await client.list(DEVICES_PATH)) ?? [];
  const others = entries.filter((entry) => entry.collection && isDeviceId(entry.name) && entry.name !== store.device).map((entry) => entry.name);
  report.devices = others.length + 1;
  // A device whose folder has gone is no longer waited for.
  memo.seenBy = Object.fromEntries(Object.entries(memo.seenBy ?? {}).filter(([device]) => others.includes(device)));
  const cursors = await store.cursors();
  for (const device of others.sort()) {
    const head = await client.get(headPath(device), memo.seenHeads[device]);
    if (head === null || head === 'unchanged') continue;
    const parsed = decodeHead(await files.open(head.bytes, headPath(device)), device);
    if (!parsed) continue;
    let deletes = 0;
    const first = (cursors[device] ?? 0) + 1;
    // The next batch is on its way while one is applied: the network and IndexedDB wait in turn otherwise.
    // (Still one request in flight: applying makes none.)
    let next = first <= parsed.seq ? waitedLater(fetchBatch(client, files, device, first)) : null;
    for (let seq = first; seq <= parsed.seq; seq += 1) {
      const batch = await next!;
      next = seq < parsed.seq ? waitedLater(fetchBatch(client, files, device, seq + 1)) : null;
      report.downloaded += 1;
      if (!options.allowMassDelete) {
        const guard = await store.deletesIn(batch.states, deletes);
        deletes += guard.deletes;
        if (guard.tooMany) {
          throw new SyncError('sync-mass-delete', `${device} deletes ${deletes} of ${guard.alive} articles`);
        }
      }
      const outcome = await store.applyBatch(device, seq, batch.states, now(), batch.corrections);
      report.created += outcome.created;
      report.updated += outcome.updated;
      report.deleted += outcome.deleted;
      report.corrections += outcome.corrections;
      report.changed.push(...outcome.changed);
    }
    memo.seenBy[device] = parsed.seen;
    if (head.etag) memo.seenHeads[device] = head.etag;
    await options.saveMemo(memo);
  }
  return others;
}

export async function runSync(options: RunOptions): Promise<SyncReport> {
  const { client, store, memo, now } = options;
  const report: SyncReport = { uploaded: 0, downloaded: 0, created: 0, updated: 0, deleted: 0, devices: 1, corrections: 0, changed: [], forgotten: 0 };
  if (!memo.prepared) {
    await prepare(client, store.device, options.key ?? null);
    memo.prepared = true;
    await options.saveMemo(memo);
  }
  await collectAndUpload(options, report);
  const others = await download(options, report);
  // Local changes met during the download (merged into what arrived) go up now, not a run later.
  await upload(options, report);
  await writeHeadIfBehind(options);
  report.forgotten = await store.forgetDeletedContent(others, memo.seenBy ?? {});
  return report;
}
