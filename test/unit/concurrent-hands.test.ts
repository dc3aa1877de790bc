// Concurrent hands: writes of the same archive arriving at the same moment,
// as two tabs, an import, the indexer and two editors make them. Each write is
// one transaction, so they take turns; these tests check that no turn undoes
// another's work.
import { describe, expect, it } from 'vitest';
import { annotateArticle, annotateArticleOver, deleteArticle, getArticle, saveArticle } from '../../lib/archive/articles';
import { openArchive } from '../../lib/archive/db';
import { listFacets } from '../../lib/archive/facets';
import { importArticles } from '../../lib/archive/import-articles';
import { checkArchive, fixedAnything } from '../../lib/archive/integrity';
import { queryArchive } from '../../lib/archive/query';
import { indexPending } from '../../lib/archive/search-index';
import type { ArchivedArticle } from '../../lib/article-model';
import { fakeRecord } from './fixtures';

let n = 0;
const fresh = () => openArchive(`concurrent-${(n += 1)}`);
const T0 = Date.parse('2026-12-04T09:30:00+08:00');
const idOf = (i: number) => `2026120400${String(i).padStart(8, '0')}`;
const archived = (i: number, extra: Partial<ArchivedArticle> = {}): ArchivedArticle => ({
  ...fakeRecord(idOf(i), { bodyText: `第 ${i} 篇 公司 正文`, title: `标题 ${i}` }),
  savedAt: T0 - i * 1000,
  updatedAt: T0 - i * 1000,
  tags: [],
  note: '',
  ...extra,
});

describe('concurrent writes', () => {
  it('two tabs saving the same article at once leave one record, with the tags and note it had', async () => {
    const db = await fresh();
    const record = fakeRecord(idOf(1));
    await saveArticle(db, record, T0);
    await annotateArticle(db, record.id, { tags: ['银行'], note: '先看' }, T0 + 1);
    await Promise.all([saveArticle(db, record, T0 + 2), saveArticle(db, { ...record, title: '改过的标题' }, T0 + 2)]);
    expect(await db.count('articles')).toBe(1);
    expect(await db.count('bodies')).toBe(1);
    const stored = await getArticle(db, record.id);
    expect(stored).toMatchObject({ tags: ['银行'], note: '先看', title: '改过的标题', savedAt: T0 });
    expect((await listFacets(db, 'tag')).map(({ value, count }) => [value, count])).toEqual([['银行', 1]]);
    expect(fixedAnything(await checkArchive(db))).toBe(false);
  });

  it('a save and a tag during an import: every article once, the saved one with the file’s tag and note and the reader’s tag', async () => {
    const db = await fresh();
    const file = Array.from({ length: 300 }, (_, i) => archived(i, i === 7 ? { tags: ['来自文件'], note: '文件的笔记' } : {}));
    // The reader saves the article and tags it as an editor does: from what it shows, the tags read back.
    const saving = saveArticle(db, fakeRecord(idOf(7), { bodyText: '第 7 篇 公司 正文' }), T0 + 5).then(async () => {
      const shown = (await getArticle(db, idOf(7)))!;
      return annotateArticle(db, idOf(7), { tags: [...shown.tags, '我的'], note: shown.note }, T0 + 6);
    });
    const [outcome] = await Promise.all([importArticles(db, file.slice(0, 150)), saving, importArticles(db, file.slice(150))]);
    expect(outcome.refused).toEqual([]);
    expect(await db.count('articles')).toBe(300);
    expect(await db.count('bodies')).toBe(300);
    const seven = await getArticle(db, idOf(7));
    expect(seven).toMatchObject({ tags: ['来自文件', '我的'], note: '文件的笔记', bodyText: '第 7 篇 公司 正文', savedAt: file[7]!.savedAt });
    expect((await listFacets(db, 'tag')).map(({ value, count }) => [value, count]).sort()).toEqual([['我的', 1], ['来自文件', 1]].sort());
    expect(fixedAnything(await checkArchive(db))).toBe(false);
  });

  it('a delete while the indexer runs: the article is gone from the list and from search, and the index agrees', async () => {
    const db = await fresh();
    await importArticles(db, Array.from({ length: 240 }, (_, i) => archived(i)));
    const indexing = (async () => {
      while ((await indexPending(db, 40)) > 0);
    })();
    const deleted = [idOf(3), idOf(120), idOf(239)];
    await Promise.all([indexing, ...deleted.map((id) => deleteArticle(db, id))]);
    while ((await indexPending(db)) > 0);
    const found = (await queryArchive(db, { text: '公司' }, { limit: 1000 })).items.map((item) => item.listing.id);
    expect(found).toHaveLength(237);
    for (const id of deleted) expect(found).not.toContain(id);
    expect(fixedAnything(await checkArchive(db))).toBe(false);
  });

  it('two editors changing the same note: the last writer’s note is kept, whole', async () => {
    const db = await fresh();
    await saveArticle(db, fakeRecord(idOf(1)), T0);
    const edits = [
      annotateArticle(db, idOf(1), { tags: ['弹窗'], note: '弹窗写的笔记' }, T0 + 10),
      annotateArticle(db, idOf(1), { tags: ['存档页'], note: '存档页写的笔记' }, T0 + 11),
    ];
    const [first, last] = await Promise.all(edits);
    expect(first!.note).toBe('弹窗写的笔记');
    const stored = await getArticle(db, idOf(1));
    expect({ tags: stored!.tags, note: stored!.note }).toEqual({ tags: last!.tags, note: last!.note });
    expect((await listFacets(db, 'tag')).map(({ value }) => value)).toEqual(['存档页']);
    expect(fixedAnything(await checkArchive(db))).toBe(false);
  });

  it('two editors opened on the same note: the later write wins and hands back the earlier one, which the first never does', async () => {
    const db = await fresh();
    await saveArticle(db, fakeRecord(idOf(1)), T0);
    await annotateArticle(db, idOf(1), { tags: [], note: '原来的' }, T0 + 1);
    const opened = { tags: [], note: '原来的' };
    const [popup, page] = await Promise.all([
      annotateArticleOver(db, idOf(1), { tags: ['弹窗'], note: '弹窗写的笔记' }, opened, T0 + 10),
      annotateArticleOver(db, idOf(1), { tags: [], note: '存档页写的笔记' }, opened, T0 + 11),
    ]);
    expect(popup.replaced).toBeNull();
    expect(page.replaced).toEqual({ tags: ['弹窗'], note: '弹窗写的笔记' });
    expect(await getArticle(db, idOf(1))).toMatchObject({ tags: [], note: '存档页写的笔记' });
    // Taking it back is one more write over what this editor wrote: nothing more comes back.
    const back = await annotateArticleOver(db, idOf(1), page.replaced!, { tags: [], note: '存档页写的笔记' }, T0 + 12);
    expect(back.replaced).toBeNull();
    expect(await getArticle(db, idOf(1))).toMatchObject({ tags: ['弹窗'], note: '弹窗写的笔记' });
    // The same words written by both: nothing was lost, nothing comes back.
    const same = await annotateArticleOver(db, idOf(1), { tags: ['弹窗'], note: '弹窗写的笔记' }, opened, T0 + 13);
    expect(same.replaced).toBeNull();
    expect(fixedAnything(await checkArchive(db))).toBe(false);
  });
});
