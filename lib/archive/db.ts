/**
 * The archive's IndexedDB schema. Each version is one migration step, applied
 * in order from whatever version a profile has, so an archive written by any
 * earlier release opens with every record intact.
 *
 *   articles  keyPath id; what lists show (everything but the body)
 *             by-saved  [savedAt, id]   newest first, stable paging
 *             by-secid  secids (multi)  every article mentioning a security
 *   bodies    keyPath id; bodyText and bodyHtml, read only when one article is opened
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { ArticleRecord } from '../article-record';

export const ARCHIVE_DB_NAME = 'em-lens-archive';

export type ArticleListing = Omit<ArticleRecord, 'bodyText' | 'bodyHtml'> & {
  /** When the article first entered the archive (ms since the epoch). */
  savedAt: number;
  /** When it was last saved again. */
  updatedAt: number;
  /** The mentioned secids, for the by-secid index. */
  secids: string[];
};

export interface ArticleBody {
  id: string;
  bodyText: string;
  bodyHtml: string;
}

export interface ArchiveSchema extends DBSchema {
  articles: {
    key: string;
    value: ArticleListing;
    indexes: { 'by-saved': [number, string]; 'by-secid': string };
  };
  bodies: { key: string; value: ArticleBody };
}

export type ArchiveDb = IDBPDatabase<ArchiveSchema>;
type UpgradeTx = IDBPTransaction<ArchiveSchema, StoreNames<ArchiveSchema>[], 'versionchange'>;
export type Migration = (db: ArchiveDb, tx: UpgradeTx) => void;

/** MIGRATIONS[n] takes a database from version n to n + 1. */
export const MIGRATIONS: Migration[] = [
  (db) => {
    const articles = db.createObjectStore('articles', { keyPath: 'id' });
    articles.createIndex('by-saved', ['savedAt', 'id']);
    articles.createIndex('by-secid', 'secids', { multiEntry: true });
    db.createObjectStore('bodies', { keyPath: 'id' });
  },
];

export function openArchive(
  name = ARCHIVE_DB_NAME,
  migrations: Migration[] = MIGRATIONS,
  onGone: () => void = () => {},
): Promise<ArchiveDb> {
  const opening: Promise<ArchiveDb> = openDB<ArchiveSchema>(name, migrations.length, {
    upgrade(db, oldVersion, _newVersion, tx) {
      for (let version = oldVersion; version < migrations.length; version += 1) {
        migrations[version]!(db, tx);
      }
    },
    // A newer version of the extension wants to upgrade: step aside so it can.
    blocking() {
      void opening.then((db) => db.close());
      onGone();
    },
    terminated: onGone,
  });
  return opening;
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
