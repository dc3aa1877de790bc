/** The archive's stores and records, as types (the schema's history and its migrations are db.ts). */
import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { ArticleBody, ArticleListing } from '../article-model';
import type { SecurityKind } from '../securities';
import type { ArticleState } from '../sync/article-state';
import type { StoredMasks, StoredNumbers } from './posting-arrays';

export interface Posting {
  token: string;
  /**
   * docNo / BLOCK_SIZE (lib/archive/search-index.ts): a block holds the
   * postings of one range of doc numbers. Archives indexed before version 3
   * counted blocks of 1024; a later block with the same number is merged into
   * such a record. Queries read every record of a token, so either way they
   * find every doc number.
   */
  block: number;
  /** Ascending doc numbers. */
  docs: StoredNumbers;
  /** Field masks, parallel to docs. */
  masks: StoredMasks;
}

/**
 * The postings of one shard of tokens (lib/archive/search-index.ts) for a run
 * of indexing batches, all in one block: token i has docs[ends[i - 1] .. ends[i])
 * (from 0 for the first) and the masks beside them.
 */
export interface Segment {
  shard: number;
  /** The first doc number of the run. */
  start: number;
  tokens: string[];
  ends: StoredNumbers;
  docs: StoredNumbers;
  masks: StoredMasks;
}

/** `likely`: the securities an article is likely about (lib/relevance), counted apart from every one it mentions. */
export type FacetType = 'secid' | 'likely' | 'kind' | 'source' | 'tag';

export interface Facet {
  type: FacetType;
  value: string;
  count: number;
  /** For securities: the name and kind last seen. */
  name?: string;
  kind?: SecurityKind;
}

export interface ArchiveSchema extends DBSchema {
  articles: {
    key: string;
    value: ArticleListing;
    indexes: {
      'by-saved': [number, string];
      'by-secid': string;
      'by-docno': number;
      'by-pending': number;
      'by-published': string;
      'by-updated': number;
    };
  };
  bodies: { key: string; value: ArticleBody };
  postings: { key: [string, number]; value: Posting };
  segments: { key: [number, number]; value: Segment };
  facets: { key: [FacetType, string]; value: Facet; indexes: { 'by-type': FacetType } };
  meta: { key: string; value: unknown };
  /** What sync knows of each article it has seen (lib/sync/article-state.ts). */
  syncStates: { key: string; value: SyncStateRecord; indexes: { 'by-seen': number } };
  /** Batches of local changes made but not yet on the server. */
  syncOutbox: { key: number; value: OutboxBatch };
  /** Ids of the articles the reader changed since sync last took them in (lib/archive/sync-journal.ts). */
  syncChanged: { key: string; value: 1 };
}

export interface SyncStateRecord {
  id: string;
  state: ArticleState;
  /** The article's updatedAt in the archive when sync last took it in; null when it was not in the archive. */
  seen: number | null;
}

export interface OutboxBatch {
  seq: number;
  /** The batch file as it goes to the server (lib/sync/remote-layout.ts). */
  bytes: Uint8Array;
  count: number;
}

export type ArchiveDb = IDBPDatabase<ArchiveSchema>;
export type UpgradeTx = IDBPTransaction<ArchiveSchema, StoreNames<ArchiveSchema>[], 'versionchange'>;
export type Migration = (db: ArchiveDb, tx: UpgradeTx) => void | Promise<void>;


/** A transaction over every store a write of an article touches. */
export type WriteTx = IDBPTransaction<ArchiveSchema, ('articles' | 'bodies' | 'facets' | 'meta' | 'syncChanged')[], 'readwrite'>;
export const WRITE_STORES = ['articles', 'bodies', 'facets', 'meta', 'syncChanged'] as const;

/**
 * The stores a write of an article opens. An archive at a version before v7
 * has no sync journal: its writes leave no note, and the first sync after
 * the upgrade walks the whole archive anyway.
 */
export function writeStoresOf(db: ArchiveDb): Array<(typeof WRITE_STORES)[number]> {
  return WRITE_STORES.filter((store) => store !== 'syncChanged' || db.objectStoreNames.contains(store));
}
