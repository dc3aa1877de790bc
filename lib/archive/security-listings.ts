/**
 * The listings of one security, read once however many parts of a view ask
 * for them at the same moment. The security view's list and its timeline
 * both start when the view opens; the 5,000 listings of a much-read security
 * read twice cost twice, and the timeline would wait behind the list's read.
 *
 * Only a read still in flight is shared: one asked for after it has finished
 * reads again, so a write made meanwhile is never missed.
 */
import type { ArticleListing } from '../article-model';
import type { ArchiveDb } from './schema';

const reading = new WeakMap<ArchiveDb, Map<string, Promise<readonly ArticleListing[]>>>();

/** Every listing that mentions `secid`, in key order. Shared with other callers: filter or copy it, never change it. */
export function listingsOfSecurity(db: ArchiveDb, secid: string): Promise<readonly ArticleListing[]> {
  let reads = reading.get(db);
  if (!reads) reading.set(db, (reads = new Map()));
  const known = reads.get(secid);
  if (known) return known;
  const read = db.getAllFromIndex('articles', 'by-secid', secid);
  const forget = () => {
    if (reads.get(secid) === read) reads.delete(secid);
  };
  read.then(forget, forget);
  reads.set(secid, read);
  return read;
}
