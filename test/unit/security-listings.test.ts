// The security view's list and timeline, asking together, read a security's
// listings once; a read asked for after that one finished sees what was
// written meanwhile.
import { describe, expect, it } from 'vitest';
import { deleteArticle, saveArticle } from '../../lib/archive/articles';
import { openArchive } from '../../lib/archive/db';
import { queryArchive } from '../../lib/archive/query';
import { listingsOfSecurity } from '../../lib/archive/security-listings';
import { savedMentionsBySecid } from '../../lib/archive/timeline';
import { fakeRecord } from './fixtures';

let dbNo = 0;
const SECID = '0.000931';
const ids = ['202601091234567890', '202601091234567891', '202601091234567892'];

async function archiveOfThree() {
  const db = await openArchive(`security-listings-${++dbNo}`);
  for (const [i, id] of ids.entries()) await saveArticle(db, fakeRecord(id), 1_000 + i);
  return db;
}

describe('a security’s listings', () => {
  it('are read once when the list and the timeline ask at the same moment', async () => {
    const archive = await archiveOfThree();
    // idb's methods want their own object as `this`: counted through a proxy rather than a spy.
    let reads = 0;
    const db = new Proxy(archive, {
      get(target, name) {
        const value = Reflect.get(target, name) as unknown;
        if (name === 'getAllFromIndex') reads += 1;
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const [page, mentions] = await Promise.all([
      queryArchive(db, { secid: SECID, doubtful: 'include' }, { limit: 2, withTotal: false }),
      savedMentionsBySecid(db)(SECID),
    ]);
    expect(reads).toBe(1);
    // Each sees the whole security: the list its first two rows, newest first, the timeline all three.
    expect(page.items.map((item) => item.listing.id)).toEqual([ids[2], ids[1]]);
    expect(mentions.map((mention) => mention.id).sort()).toEqual(ids);
    archive.close();
  });

  it('are read again once the earlier read is done, with what was written meanwhile', async () => {
    const db = await archiveOfThree();
    expect(await listingsOfSecurity(db, SECID)).toHaveLength(3);
    await deleteArticle(db, ids[0]!);
    expect((await listingsOfSecurity(db, SECID)).map((listing) => listing.id)).toEqual([ids[1], ids[2]]);
    db.close();
  });

  it('are shared per archive and per security', async () => {
    const [one, other] = await Promise.all([archiveOfThree(), archiveOfThree()]);
    await deleteArticle(other, ids[1]!);
    const [fromOne, fromOther, none] = await Promise.all([listingsOfSecurity(one, SECID), listingsOfSecurity(other, SECID), listingsOfSecurity(one, '1.600000')]);
    expect(fromOne).toHaveLength(3);
    expect(fromOther).toHaveLength(2);
    expect(none).toEqual([]);
    one.close();
    other.close();
  });
});
