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
 *             sealed (blocks below it are all in postings), openSegments (v3);
 *             corrections (the reader's corrections of the relevance rules) (v4)
 *   facets    type likely: articles likely about each security, with the reader's corrections (v4)
 *   segments  keyPath [shard, start]; postings of the block still filling, many tokens a record (v3)
 *   syncStates keyPath id; what sync knows of each article: its mergeable state (v5)
 *   syncOutbox keyPath seq; batches of local changes not yet on the sync server (v5)
 *   meta      syncClock, syncSeq, syncCursors: sync's clock, last batch and how far each device is applied (v5)
 *   articles  by-updated    updatedAt; syncStates by-seen: seen (v6)
 *   syncChanged out-of-line keys (article ids); articles the reader changed since sync took them in (v7)
 *   meta      syncDeaths: deleted articles whose state still holds the record, with the batch that last
 *             touched each (no schema change: a key absent is none)
 */
import { openDB } from 'idb';
import type { ArticleListing } from '../article-model';
import type { ArchiveDb, ArchiveSchema, Facet, Migration } from './schema';
import { facetDeltas } from './facets';


export const ARCHIVE_DB_NAME = 'em-lens-archive';

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
  // v4: likely-security counts. Articles saved before there were verdicts are
  // likely about every security they mention, so the counts start as copies.
  async (_db, tx) => {
    const facets = tx.objectStore('facets');
    const mentioned = await facets.index('by-type').getAll('secid');
    await Promise.all(mentioned.map((facet) => facets.put({ ...facet, type: 'likely' })));
  },
  // v5: sync's view of each article and its outbox. Empty until sync is on.
  (db) => {
    db.createObjectStore('syncStates', { keyPath: 'id' });
    db.createObjectStore('syncOutbox', { keyPath: 'seq' });
  },
  // v6: when each article last changed, and when sync last took it in, as
  // indexes: a sync compares the two from the index keys alone, without
  // reading 50,000 records and their states.
  (_db, tx) => {
    tx.objectStore('articles').createIndex('by-updated', 'updatedAt');
    tx.objectStore('syncStates').createIndex('by-seen', 'seen');
  },
  // v7: the ids of the articles each write changes, so that a sync with
  // nothing new reads a handful of keys, not both indexes of the archive.
  // Empty at first: the first sync after this step walks the indexes as before.
  (db) => {
    db.createObjectStore('syncChanged');
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
