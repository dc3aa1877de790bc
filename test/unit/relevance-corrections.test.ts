// @vitest-environment jsdom
// Reads the seed article, so it needs a DOM that DOMPurify can sanitise with (see sanitize.test.ts).
import { describe, expect, it } from 'vitest';
import { getListing, saveArticle } from '../../lib/archive/articles';
import { changeCorrection, importCorrections, listCorrections, rejudgeArchive } from '../../lib/archive/corrections-store';
import { openArchive, MIGRATIONS } from '../../lib/archive/db';
import { countsForSecids, listFacets } from '../../lib/archive/facets';
import { queryArchive } from '../../lib/archive/query';
import type { ArchiveDb } from '../../lib/archive/schema';
import type { Mention } from '../../lib/article-model';
import { readPageRecord } from '../../lib/page-record';
import { checkCorrections, correctionKey, mergeCorrections, shownVerdict } from '../../lib/relevance/corrections';
import { rejudgeMentions } from '../../lib/relevance/mention-relevance';
import { parseArchiveJson, toArchiveJson } from '../../lib/transfer/archive-json';
import { SEED_URL, fakeRecord, fixtureDocument } from './fixtures';

const seed = readPageRecord(fixtureDocument('current-seed.html'), SEED_URL)!;
let dbNo = 0;
const freshArchive = () => openArchive(`corrections-${++dbNo}`);
const ids = async (db: ArchiveDb, filter: Parameters<typeof queryArchive>[1]) =>
  (await queryArchive(db, filter, { limit: 50 })).items.map((item) => item.listing.id);

describe('a reader’s corrections', () => {
  it('win over the rules, for one article or for a name everywhere, the article’s own first', () => {
    const stock = seed.mentions.find((m) => m.secid === '0.000931')!;
    const everywhere = { secid: stock.secid, name: '中关村', articleId: null, verdict: 'likely' as const, at: 1 };
    const here = { ...everywhere, articleId: seed.id, verdict: 'doubtful' as const };
    expect(shownVerdict(stock, seed.id, {})).toEqual({ verdict: 'doubtful', byReader: null });
    const corrections = { [correctionKey(everywhere)]: everywhere };
    expect(shownVerdict(stock, seed.id, corrections)).toEqual({ verdict: 'likely', byReader: 'everywhere' });
    expect(shownVerdict({ ...stock, name: '中关村科技' }, seed.id, corrections).byReader).toBeNull();
    expect(shownVerdict(stock, seed.id, { ...corrections, [correctionKey(here)]: here })).toEqual({ verdict: 'doubtful', byReader: 'article' });
  });

  it('keep only well-formed entries from storage or a file, and the later of two on a merge', () => {
    const good = { secid: '0.000931', name: '中关村', articleId: null, verdict: 'likely', at: 5 };
    const checked = checkCorrections([good, { ...good, secid: 'x' }, { ...good, verdict: 'maybe' }, { ...good, articleId: '12' }, null]);
    expect(Object.values(checked)).toEqual([good]);
    const older = { [correctionKey(good)]: { ...good, verdict: 'doubtful' as const, at: 1 } };
    expect(Object.values(mergeCorrections(older, checked))[0]!.verdict).toBe('likely');
    expect(Object.values(mergeCorrections(checked, older))[0]!.verdict).toBe('likely');
  });

  it('change the likely counts and the security filter at once, and clear back to the rules', async () => {
    const db = await freshArchive();
    await saveArticle(db, seed, 1000);
    expect(await countsForSecids(db, ['0.000931'])).toEqual({ '0.000931': 0 });
    expect(await ids(db, { secid: '0.000931' })).toEqual([]);

    await changeCorrection(db, { set: { secid: '0.000931', name: '中关村', articleId: seed.id, verdict: 'likely' } }, 2000);
    expect(await countsForSecids(db, ['0.000931'])).toEqual({ '0.000931': 1 });
    expect(await ids(db, { secid: '0.000931' })).toEqual([seed.id]);
    expect((await getListing(db, seed.id))!.likelySecids).toEqual(['0.000931']);

    await changeCorrection(db, { clear: { secid: '0.000931', name: '中关村', articleId: seed.id } });
    expect(await countsForSecids(db, ['0.000931'])).toEqual({ '0.000931': 0 });
    expect(await listCorrections(db)).toEqual({});
  });

  it('for a name everywhere, apply to every archived article that links that name to that security, and to later saves', async () => {
    const db = await freshArchive();
    const other = { ...seed, id: '202112302231813953', url: 'https://finance.eastmoney.com/a/202112302231813953.html' };
    await saveArticle(db, seed, 1000);
    await saveArticle(db, other, 1000);
    await changeCorrection(db, { set: { secid: '90.BK0473', name: '证券', articleId: null, verdict: 'likely' } });
    expect(await countsForSecids(db, ['90.BK0473', '0.000931'])).toEqual({ '90.BK0473': 2, '0.000931': 0 });
    const third = { ...seed, id: '202112302231813954', url: 'https://finance.eastmoney.com/a/202112302231813954.html' };
    await saveArticle(db, third, 3000);
    expect(await countsForSecids(db, ['90.BK0473'])).toEqual({ '90.BK0473': 3 });
    expect((await listFacets(db, 'secid')).find((facet) => facet.value === '90.BK0473')!.count).toBe(3);
  });

  it('go out with a JSON export and come back with its import, counts and all', async () => {
    const db = await freshArchive();
    await saveArticle(db, seed, 1000);
    const corrections = await changeCorrection(db, { set: { secid: '0.000931', name: '中关村', articleId: null, verdict: 'likely' } }, 5);
    const file = parseArchiveJson(toArchiveJson([{ ...seed, savedAt: 1000, updatedAt: 1000, tags: [], note: '' }], new Date(0), Object.values(corrections)));
    expect(file.ok && file.corrections).toHaveLength(1);

    const elsewhere = await freshArchive();
    await saveArticle(elsewhere, seed, 1000);
    expect(await importCorrections(elsewhere, checkCorrections(file.ok ? file.corrections : []))).toBe(1);
    expect(await countsForSecids(elsewhere, ['0.000931'])).toEqual({ '0.000931': 1 });
    // The same file again adds nothing.
    expect(await importCorrections(elsewhere, checkCorrections(file.ok ? file.corrections : []))).toBe(0);
  });
});

describe('judging the archive again', () => {
  it('takes each kept window through today’s rules and updates what changed', async () => {
    const db = await freshArchive();
    // A record saved when the rules found nothing against 证券: its windows say otherwise today.
    const stale: Mention[] = seed.mentions.map((mention) => ({
      ...mention,
      relevance: {
        ...mention.relevance!,
        verdict: 'likely',
        doubtfulMentions: 0,
        rule: null,
        reason: null,
        params: null,
        marks: mention.relevance!.marks.map((mark) => ({ ...mark, verdict: 'likely' as const, rule: 'no_doubt' as const })),
      },
    }));
    await saveArticle(db, { ...seed, mentions: stale }, 1000);
    await saveArticle(db, fakeRecord('202112302231813960'), 1000);
    // The second record mentions 中关村 too, judged by nothing.
    expect(await countsForSecids(db, ['90.BK0473', '0.000931'])).toEqual({ '90.BK0473': 1, '0.000931': 2 });

    expect(await rejudgeArchive(db, 1)).toEqual({ checked: 2, changed: 1 });
    const listing = (await getListing(db, seed.id))!;
    expect(listing.mentions.map((m) => m.relevance!.verdict)).toEqual(['doubtful', 'doubtful']);
    expect(listing.mentions[0]!.relevance!.reason).toBe('relevance_fragment_media');
    expect(await countsForSecids(db, ['90.BK0473', '0.000931'])).toEqual({ '90.BK0473': 0, '0.000931': 1 });
    expect(await rejudgeArchive(db)).toEqual({ checked: 2, changed: 0 });
  });

  it('leaves records without kept windows as they are', () => {
    const { relevance: _none, ...plain } = seed.mentions[0]!;
    expect(rejudgeMentions([plain])).toEqual([plain]);
  });
});

describe('archives from before verdicts', () => {
  it('count every mention as likely after the upgrade', async () => {
    const name = `corrections-upgrade-${++dbNo}`;
    const old = await openArchive(name, MIGRATIONS.slice(0, 3));
    const { keyFigures: _k, ...record } = seed;
    await saveArticle(old, { ...record, mentions: seed.mentions.map(({ relevance: _r, ...m }) => m) }, 1000);
    // What a v3 archive holds: no likely facets, no likely secids.
    const tx = old.transaction(['facets', 'articles'], 'readwrite');
    for (const facet of await tx.objectStore('facets').getAll()) if (facet.type === 'likely') await tx.objectStore('facets').delete([facet.type, facet.value]);
    const listing = (await tx.objectStore('articles').get(seed.id))!;
    delete listing.likelySecids;
    await tx.objectStore('articles').put(listing);
    await tx.done;
    old.close();
    const db = await openArchive(name);
    expect(await countsForSecids(db, ['90.BK0473', '0.000931'])).toEqual({ '90.BK0473': 1, '0.000931': 1 });
    expect(await ids(db, { secid: '0.000931' })).toEqual([seed.id]);
  });
});
