import { describe, expect, it } from 'vitest';
import { getArticle, saveArticle } from '../../lib/archive/articles';
import { openArchive } from '../../lib/archive/db';
import { fieldsOf, HEAD_FIELDS, MENTION_FIELDS, type ArticleRecord, type Mention } from '../../lib/article-model';
import { checkArticleRecord } from '../../lib/article-record';
import { checkArchivedArticle } from '../../lib/archived-article';
import { parseArchiveJson, toArchiveJson } from '../../lib/transfer/archive-json';

const mention: Mention = {
  secid: '0.000931',
  market: 0,
  code: '000931',
  kind: 'stock',
  name: '中关村',
  count: 3,
  order: 0,
  relevance: {
    verdict: 'doubtful',
    doubtfulMentions: 3,
    rule: 'fragment_of_name',
    reason: 'relevance_fragment_institution',
    params: ['中关村', '中关村担保'],
    marks: [{ before: '中技所-', text: '中关村', after: '担保-长江-1期', verdict: 'doubtful', rule: 'fragment_of_name' }],
  },
};
const record: ArticleRecord = {
  id: '202112302231813952',
  url: 'https://finance.eastmoney.com/a/202112302231813952.html',
  title: '北京首个专利许可知识产权证券化项目已设立',
  publishedAt: '2021-12-30T21:05:00+08:00',
  source: '中国证券报',
  author: null,
  summary: '发行规模3.37亿元',
  bodyText: '正文',
  bodyHtml: '<p>正文</p>',
  mentions: [mention],
  template: 'current',
  keyFigures: [{ text: '3.37亿元', value: 337_000_000, unit: '元', label: '发行规模', source: 'summary' }],
};

describe('the article model', () => {
  it('lists every field of a mention and of a record', () => {
    expect([...MENTION_FIELDS].sort()).toEqual(Object.keys(mention).sort());
    expect([...HEAD_FIELDS, 'bodyText', 'bodyHtml'].sort()).toEqual(Object.keys(record).sort());
    // @ts-expect-error a list that leaves out a field of Mention does not compile
    fieldsOf<Mention>()(['secid', 'market', 'code', 'kind', 'name', 'count', 'order']);
  });

  it('keeps every field of every mention through the check, a save, a read and an export and import', async () => {
    const checked = checkArticleRecord({ ...record, mentions: [{ ...mention, extra: 'dropped' }] });
    expect(checked.ok && checked.value).toEqual(record);
    const db = await openArchive('article-model');
    await saveArticle(db, record, Date.UTC(2026, 0, 1));
    const saved = (await getArticle(db, record.id))!;
    for (const field of MENTION_FIELDS) expect(saved.mentions[0]![field]).toEqual(mention[field]);
    const parsed = parseArchiveJson(toArchiveJson([{ ...record, savedAt: saved.savedAt, updatedAt: saved.updatedAt, tags: [], note: '' }]));
    expect(parsed.ok).toBe(true);
    const imported = checkArchivedArticle(parsed.ok ? parsed.articles[0] : null);
    expect(imported.ok && imported.value.mentions).toEqual([mention]);
    expect(imported.ok && imported.value.keyFigures).toEqual(record.keyFigures);
  });
});
