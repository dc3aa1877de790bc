/**
 * What a first connection to a folder other browsers already sync through
 * would do, before it does it: how many articles the folder holds, how many
 * this browser holds, and how many are in both. It reads the other devices'
 * heads and batches and writes nothing; the merge runs once the reader
 * confirms. Nothing is ever replaced: a merge keeps every article of both.
 */
import { emptyState, mergeStates, isAlive, type ArticleState, type SyncedRecord } from './article-state';
import { batchPath, decodeBatch, decodeHead, DEVICES_PATH, headPath, isDeviceId } from './remote-layout';
import { fileCipher } from './sync-crypto';
import { SyncError } from './sync-errors';
import type { DavClient } from './webdav-client';

export interface SyncPreview {
  /** Articles the folder holds. */
  remote: number;
  /** Articles this browser holds. */
  local: number;
  /** Articles in both. */
  shared: number;
}

/**
 * What the merge of states needs to say whether an article is alive: its
 * stamps, not its record, tags or notes. A folder of 50,000 articles read
 * whole, records and bodies kept, would not fit in the background's memory.
 */
function skeletonOf(state: ArticleState): ArticleState {
  return {
    ...emptyState(state.id),
    // Only that there is content, and its stamp, count: the value is never read here.
    content: state.content && { stamp: state.content.stamp, value: null as unknown as SyncedRecord },
    live: state.live,
    removed: state.removed,
  };
}

export async function previewFolder(client: DavClient, key: CryptoKey | null, localIds: Iterable<string>): Promise<SyncPreview> {
  const open = key ? fileCipher(key).open : async (bytes: Uint8Array) => bytes;
  const states = new Map<string, ArticleState>();
  const entries = (await client.list(DEVICES_PATH)) ?? [];
  for (const device of entries.filter((entry) => entry.collection && isDeviceId(entry.name)).map((entry) => entry.name).sort()) {
    const head = await client.get(headPath(device));
    if (head === null || head === 'unchanged') continue;
    const parsed = decodeHead(await open(head.bytes, headPath(device)), device);
    if (!parsed) continue;
    for (let seq = 1; seq <= parsed.seq; seq += 1) {
      const path = batchPath(device, seq);
      const file = await client.get(path);
      if (file === null || file === 'unchanged') throw new SyncError('sync-server-error', `${path} is missing`);
      let batch;
      try {
        batch = decodeBatch(await open(file.bytes, path), device, seq);
      } catch (error) {
        throw error instanceof SyncError ? error : new SyncError('sync-server-error', (error as Error).message);
      }
      for (const state of batch.states) {
        const known = states.get(state.id);
        const skeleton = skeletonOf(state);
        states.set(state.id, known ? mergeStates(known, skeleton) : skeleton);
      }
    }
  }
  const remote = new Set([...states.values()].filter(isAlive).map((state) => state.id));
  const local = new Set(localIds);
  let shared = 0;
  for (const id of local) if (remote.has(id)) shared += 1;
  return { remote: remote.size, local: local.size, shared };
}
