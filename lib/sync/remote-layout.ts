/**
 * What sync keeps on the server, under the reader's folder (never a WebDAV
 * root, where 坚果云 refuses writes):
 *
 *   format.json                       { format: "em-lens-sync", version: 1, encryption? }
 *                                     (encryption: the key's salt and check, lib/sync/sync-crypto.ts;
 *                                     every other file is then sealed with AES-GCM)
 *   devices/<device>/head.json        { format: "em-lens-sync-head", device, seq, name, writtenAt, seen }
 *                                     (seen: the last batch of each other device this one had applied, so
 *                                     that a deleted article's record can be let go once every device has seen it deleted)
 *   devices/<device>/b-00000001.ndjson.gz
 *                                     gzipped NDJSON: a header line, then one article state (delta) a line,
 *                                     and { correction } lines: the reader's relevance corrections set or cleared
 *
 * One writer per file: a device writes only its own folder, each batch once
 * (create-only PUT) and its head after its batches, so no file is ever
 * rewritten by two devices and no lock is needed. Others read a device's
 * head, then the batches after the last one they applied: a sync with nothing
 * new lists `devices/` and reads each other head, nothing more.
 */
import { gunzipSync, gzipSync, strFromU8, strToU8 } from 'fflate';
import type { ArticleState } from './article-state';
import { checkArticleState } from './check-state';
import { checkCorrectionEntry, type CorrectionEntry } from './correction-state';
import { DEVICE_ID } from './hlc';
import { checkEncryptionHeader, type EncryptionHeader } from './sync-crypto';

export const FORMAT = { format: 'em-lens-sync', version: 1 } as const;
export const FORMAT_PATH = 'format.json';
export const DEVICES_PATH = 'devices';
export const devicePath = (device: string) => `${DEVICES_PATH}/${device}`;
export const headPath = (device: string) => `${devicePath(device)}/head.json`;
export const batchPath = (device: string, seq: number) => `${devicePath(device)}/b-${String(seq).padStart(8, '0')}.ndjson.gz`;

export interface Head {
  device: string;
  /** The last batch this device has written; 0 before the first. */
  seq: number;
  /** What the reader calls the device ("Chrome, office"). */
  name: string;
  writtenAt: number;
  /** Of each other device, the last batch this one had applied when it wrote the head (all of its own before `seq` uploaded). */
  seen: Record<string, number>;
}

export interface Batch {
  device: string;
  seq: number;
  states: ArticleState[];
  corrections: CorrectionEntry[];
}

const json = (value: unknown) => strToU8(JSON.stringify(value));

export const encodeFormat = (encryption: EncryptionHeader | null = null) => json(encryption ? { ...FORMAT, encryption } : FORMAT);

/** The folder's format.json read: null for a folder of something else (or of a later version). */
export function readFormat(bytes: Uint8Array): { encryption: EncryptionHeader | null } | null {
  try {
    const value = JSON.parse(strFromU8(bytes)) as Record<string, unknown>;
    if (value.format !== FORMAT.format || value.version !== FORMAT.version) return null;
    if (value.encryption === undefined) return { encryption: null };
    const encryption = checkEncryptionHeader(value.encryption);
    return encryption ? { encryption } : null;
  } catch {
    return null;
  }
}

export const encodeHead = (head: Head) => json({ format: 'em-lens-sync-head', ...head });

export function decodeHead(bytes: Uint8Array, device: string): Head | null {
  try {
    const value = JSON.parse(strFromU8(bytes)) as Record<string, unknown>;
    if (value.format !== 'em-lens-sync-head' || value.device !== device) return null;
    if (!Number.isInteger(value.seq) || (value.seq as number) < 0) return null;
    return {
      device,
      seq: value.seq as number,
      name: typeof value.name === 'string' ? value.name.slice(0, 80) : '',
      writtenAt: typeof value.writtenAt === 'number' ? value.writtenAt : 0,
      seen: seenOf(value.seen),
    };
  } catch {
    return null;
  }
}

export const isDeviceId = (name: string) => DEVICE_ID.test(name);

/** A head's `seen` as far as it can be read: a head of an earlier version has none, so it has seen nothing. */
function seenOf(value: unknown): Record<string, number> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  const seen: Record<string, number> = {};
  for (const [device, seq] of Object.entries(value)) if (isDeviceId(device) && Number.isInteger(seq) && (seq as number) > 0) seen[device] = seq as number;
  return seen;
}

export function encodeBatch(batch: Batch): Uint8Array {
  const count = batch.states.length + batch.corrections.length;
  const lines = [JSON.stringify({ format: 'em-lens-sync-batch', device: batch.device, seq: batch.seq, count })];
  for (const state of batch.states) lines.push(JSON.stringify(state));
  for (const correction of batch.corrections) lines.push(JSON.stringify({ correction }));
  return gzipSync(strToU8(`${lines.join('\n')}\n`), { level: 6, mtime: 0 });
}

/** A batch read back, every state checked; throws with the reason when it is not one. */
export function decodeBatch(bytes: Uint8Array, device: string, seq: number): Batch {
  let text: string;
  try {
    text = strFromU8(gunzipSync(bytes));
  } catch {
    throw new Error(`batch ${device}/${seq} is not gzip`);
  }
  const lines = text.split('\n').filter(Boolean);
  const header = JSON.parse(lines[0] ?? 'null') as Record<string, unknown> | null;
  if (header?.format !== 'em-lens-sync-batch' || header.device !== device || header.seq !== seq || header.count !== lines.length - 1) {
    throw new Error(`batch ${device}/${seq} has a wrong header or is cut short`);
  }
  const states: ArticleState[] = [];
  const corrections: CorrectionEntry[] = [];
  lines.slice(1).forEach((line, i) => {
    const value = JSON.parse(line) as Record<string, unknown>;
    if (value && typeof value === 'object' && 'correction' in value) {
      try {
        corrections.push(checkCorrectionEntry(value.correction));
      } catch (error) {
        throw new Error(`batch ${device}/${seq} line ${i + 2}: ${(error as Error).message}`);
      }
      return;
    }
    const checked = checkArticleState(value);
    if (!checked.ok) throw new Error(`batch ${device}/${seq} line ${i + 2}: ${checked.error}`);
    states.push(checked.value);
  });
  return { device, seq, states, corrections };
}

/** About how much JSON (in UTF-16 code units, as `length` counts) a batch holds at most. */
export const BATCH_CHARS = 4 * 2 ** 20;

/** Splits states into batches of at most `maxStates` and about `maxBytes` of JSON. */
export function chunkStates(states: ArticleState[], maxStates = 500, maxBytes = BATCH_CHARS): ArticleState[][] {
  const chunks: ArticleState[][] = [];
  let current: ArticleState[] = [];
  let bytes = 0;
  for (const state of states) {
    const size = JSON.stringify(state).length;
    if (current.length && (current.length >= maxStates || bytes + size > maxBytes)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(state);
    bytes += size;
  }
  if (current.length) chunks.push(current);
  return chunks;
}
