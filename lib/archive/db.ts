/**
 * The archive's IndexedDB schema. Each version is one migration step, applied
 * in order from whatever version a profile has, so an archive written by any
 * earlier release opens with every record intact.
 *
 *   articles  keyPath id; what lists show (everything but the body)
 *             by-saved      [savedAt, id]   newest first, stable paging
 *             by-secid      secids (multi)  every article mentioning a security
 *             by-docno      docNo (unique)  search postings → article       (v2)
 *             by-pending    pending         saved but not yet indexed        (v2)
 *             by-published  publishedAt     date ranges                      (v2)
 *   bodies    keyPath id; bodyText and bodyHtml, read only when one article is opened
 *   postings  keyPath [token, block]; search postings: doc numbers and field masks (v2)
 *   facets    keyPath [type, value]; how many articles each security, kind, source, tag has (v2)
 *   meta      out-of-line keys: nextDocNo, dead (doc numbers whose postings no longer count) (v2);
 *             sealed (blocks below it are all in postings), openSegments (v3)
 *   segments  keyPath [shard, start]; postings of the block still filling, many tokens a record (v3)
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { ArticleRecord } from '../article-record';
import type { SecurityKind } from '../securities';
import type { QuoteSnapshot } from '../quotes/quote-snapshot';
import { facetDeltas } from './facets';

export const ARCHIVE_DB_NAME = 'em-lens-archive';

export type ArticleListing = Omit<ArticleRecord, 'bodyText' | 'bodyHtml'> & {
  /** When the article first entered the archive (ms since the epoch). */
  savedAt: number;
  /** When it was last saved again or annotated. */
  updatedAt: number;
  /** The mentioned secids, for the by-secid index. */
  secids: string[];
  /** The kinds of the mentioned securities. */
  kinds: SecurityKind[];
  tags: string[];
  note: string;
  /** Each security's quote when the article was saved, where quotes were on. */
  quotesAtSave?: QuoteSnapshot;
  /** The article's number in the search postings; absent until indexed. */
  docNo?: number;
  /** Present (1) while the article waits to be indexed. */
  pending?: 1;
};

export interface ArticleBody {
  id: string;
  bodyText: string;
  bodyHtml: string;
}

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
  docs: number[];
  /** Field masks, parallel to docs. */
  masks: number[];
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
  ends: number[];
  docs: number[];
  masks: number[];
}

export type FacetType = 'secid' | 'kind' | 'source' | 'tag';

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
    };
  };
  bodies: { key: string; value: ArticleBody };
  postings: { key: [string, number]; value: Posting };
  segments: { key: [number, number]; value: Segment };
  facets: { key: [FacetType, string]; value: Facet; indexes: { 'by-type': FacetType } };
  meta: { key: string; value: unknown };
}

export type ArchiveDb = IDBPDatabase<ArchiveSchema>;
export type UpgradeTx = IDBPTransaction<ArchiveSchema, StoreNames<ArchiveSchema>[], 'versionchange'>;
export type Migration = (db: ArchiveDb, tx: UpgradeTx) => void | Promise<void>;

/** MIGRATIONS[n] takes a database from version n to n + 1. */
export const MIGRATIONS: Migration[] = [
  // v1: articles and bodies.
  (db) => {
    const articles = db.createObjectStore('articles', { keyPath: 'id' });
    articles.createIndex('by-saved', ['savedAt', 'id']);
    articles.createIndex('by-secid', 'secids', { multiEntry: true });
    db.createObjectStore('bodies', { keyPath: 'id' });
  },
  // v2: search postings, facet counts, tags and notes. Existing articles get
  // empty tags and notes, their facets counted, and wait to be indexed.
  async (db, tx) => {
    const articles = tx.objectStore('articles');
    articles.createIndex('by-docno', 'docNo', { unique: true });
    articles.createIndex('by-pending', 'pending');
    articles.createIndex('by-published', 'publishedAt');
    db.createObjectStore('postings', { keyPath: ['token', 'block'] });
    db.createObjectStore('facets', { keyPath: ['type', 'value'] }).createIndex('by-type', 'type');
    db.createObjectStore('meta');
    const counts = new Map<string, Facet>();
    for (let cursor = await articles.openCursor(); cursor; cursor = await cursor.continue()) {
      const old = cursor.value as ArticleListing;
      const upgraded: ArticleListing = {
        ...old,
        kinds: [...new Set(old.mentions.map((mention) => mention.kind))],
        tags: old.tags ?? [],
        note: old.note ?? '',
        pending: 1,
      };
      delete upgraded.docNo;
      for (const facet of facetDeltas(undefined, upgraded)) {
        const key = `${facet.type}\u0000${facet.value}`;
        const known = counts.get(key);
        counts.set(key, { ...facet, count: (known?.count ?? 0) + facet.count });
      }
      await cursor.update(upgraded);
    }
    const facets = tx.objectStore('facets');
    await Promise.all([...counts.values()].map((facet) => facets.put(facet)));
  },
  // v3: segments, where indexing batches write the postings of the block
  // still filling. Postings written before stay where they are.
  (db) => {
    db.createObjectStore('segments', { keyPath: ['shard', 'start'] });
  },
];

export async function openArchive(
  name = ARCHIVE_DB_NAME,
  migrations: Migration[] = MIGRATIONS,
  onGone: () => void = () => {},
): Promise<ArchiveDb> {
  let upgradeError: unknown = null;
  let upgrading: Promise<void> = Promise.resolve();
  const opening = openDB<ArchiveSchema>(name, migrations.length, {
    upgrade(database, oldVersion, _newVersion, tx) {
      // Steps run one after another inside the one upgrade transaction; each
      // awaits only IndexedDB requests, which keeps the transaction alive.
      upgrading = (async () => {
        try {
          for (let version = oldVersion; version < migrations.length; version += 1) {
            await migrations[version]!(database, tx);
          }
        } catch (error) {
          // Half an upgrade is worse than none: the profile keeps its old version.
          upgradeError = error;
          tx.done.catch(() => {});
          tx.abort();
        }
      })();
    },
    // A newer version of the extension wants to upgrade: step aside so it can.
    blocking() {
      db.close();
      onGone();
    },
    terminated: onGone,
  });
  let db: ArchiveDb;
  try {
    db = await opening;
  } catch (error) {
    await upgrading;
    throw upgradeError ?? error;
  }
  await upgrading;
  return db;
}

/** One shared connection, opened on first use and reopened after it was closed. */
export function archiveConnection(name = ARCHIVE_DB_NAME): () => Promise<ArchiveDb> {
  let connection: Promise<ArchiveDb> | null = null;
  return () => {
    connection ??= openArchive(name, MIGRATIONS, () => {
      connection = null;
    }).catch((error: unknown) => {
      connection = null;
      throw error;
    });
    return connection;
  };
}
