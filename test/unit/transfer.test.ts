// @vitest-environment jsdom
// Reads whole articles, so it needs a DOM that DOMPurify can sanitise with (see sanitize.test.ts).
import { describe, expect, it } from 'vitest';
import { annotateArticle, getArticle, putArticles, saveArticle } from '../../lib/archive/articles';
import { listFacets } from '../../lib/archive/facets';
import { readPrevious } from '../../lib/archive/previous-version';
import { openArchive } from '../../lib/archive/db';
import { collectArticles } from '../../lib/archive/export-articles';
import { importArticles } from '../../lib/archive/import-articles';
import type { ArchivedArticle } from '../../lib/article-model';
import { readPageRecord } from '../../lib/page-record';
import { toArchiveCsv } from '../../lib/transfer/archive-csv';
import { parseArchiveJson, toArchiveJson } from '../../lib/transfer/archive-json';
import { articleMarkdown, markdownFileName } from '../../lib/transfer/archive-markdown';
import { LEGACY_URL, SEED_URL, fixtureDocument } from './fixtures';

const seed = readPageRecord(fixtureDocument('current-seed.html'), SEED_URL)!;
const legacy = readPageRecord(fixtureDocument('legacy-variants.html'), LEGACY_URL)!;
const T0 = Date.UTC(2026, 10, 1);
const AT = new Date(Date.UTC(2026, 10, 28));

let n = 0;
const fresh = () => openArchive(`transfer-${(n += 1)}`);

async function filledArchive() {
  const db = await fresh();
  await saveArticle(db, seed, T0);
  await saveArticle(db, legacy, T0 + 60_000);
  await annotateArticle(db, seed.id, { tags: ['ABS', '北京'], note: '第一单专利许可ABS' }, T0 + 120_000);
  return db;
}

function archived(overrides: Partial<ArchivedArticle> = {}): ArchivedArticle {
  return { ...seed, savedAt: T0, updatedAt: T0, tags: [], note: '', ...overrides };
}

describe('JSON export and import', () => {
  it('round-trips: export → import into an empty archive → export gives the same file', async () => {
    const first = toArchiveJson(await collectArticles(await filledArchive()), AT);
    const parsed = parseArchiveJson(first);
    expect(parsed.ok).toBe(true);
    const empty = await fresh();
    const outcome = await importArticles(empty, parsed.ok ? parsed.articles : []);
    expect(outcome).toEqual({ taken: 2, created: 2, updated: 0, refused: [] });
    expect(toArchiveJson(await collectArticles(empty), AT)).toBe(first);
  });

  it('documents its format and version', async () => {
    const file = JSON.parse(toArchiveJson(await collectArticles(await filledArchive()), AT));
    expect(Object.keys(file)).toEqual(['format', 'version', 'exportedAt', 'articles']);
    expect(file).toMatchObject({ format: 'em-lens-archive', version: 1, exportedAt: '2026-11-28T00:00:00.000Z' });
    expect(Object.keys(file.articles[0])).toEqual([
      'id', 'url', 'title', 'publishedAt', 'source', 'author', 'summary', 'bodyText', 'bodyHtml',
      'mentions', 'template', 'keyFigures', 'savedAt', 'updatedAt', 'tags', 'note',
    ]);
    expect(file.articles.map((a: ArchivedArticle) => a.id)).toEqual([legacy.id, seed.id]);
  });

  it.each([
    ['not JSON', '{"format": ', { problem: 'not-json' }],
    ['another format', '{"format":"pocket","version":1,"articles":[]}', { problem: 'not-archive' }],
    ['a newer version', '{"format":"em-lens-archive","version":2,"articles":[]}', { problem: 'version', version: '2', supported: 1 }],
    ['no article list', '{"format":"em-lens-archive","version":1}', { problem: 'no-list' }],
  ])('refuses a file that is %s, saying why', (_label, text, problem) => {
    expect(parseArchiveJson(text)).toEqual({ ok: false, ...problem });
  });

  it('checks every article, takes the good ones and says which it refused and why', async () => {
    const db = await fresh();
    const outcome = await importArticles(db, [
      archived(),
      { ...archived(), id: undefined },
      { ...archived(), id: '../../etc/passwd' },
      { ...archived(), url: 'javascript:alert(1)' },
      { ...archived(), title: 'x'.repeat(501) },
      { ...archived(), savedAt: 'yesterday' },
      { ...archived(), mentions: [{ ...seed.mentions[0]!, kind: 'us' }] },
      { ...archived(), tags: ['a'.repeat(41)] },
      null,
      'a string',
      { ...archived(legacy as never), title: '<img src=x onerror=alert(1)>标题' },
    ]);
    expect(outcome.taken).toBe(2);
    expect(outcome.refused.map((r) => [r.index, r.reason])).toEqual([
      [1, 'id must be a string'],
      [2, 'id must be an Eastmoney article number'],
      [3, 'url must be http(s)'],
      [4, 'title is longer than 500 characters'],
      [5, 'savedAt is not a time'],
      [6, '90.BK0473 has the wrong kind'],
      [7, 'a tag is longer than 40 characters'],
      [8, 'record must be an object'],
      [9, 'record must be an object'],
    ]);
    // A hostile-looking title is only text: stored as written, never run.
    expect((await db.get('articles', legacy.id))?.title).toBe('<img src=x onerror=alert(1)>标题');
  });

  it('merges by id: no duplicates, the earliest saved time, tags united', async () => {
    const db = await filledArchive();
    const outcome = await importArticles(db, [
      archived({ savedAt: T0 - 86_400_000, tags: ['政策'], note: '第一单专利许可ABS' }),
      archived({ tags: ['政策'] }),
    ]);
    expect(outcome).toMatchObject({ taken: 2, created: 0, updated: 1 });
    expect(await db.count('articles')).toBe(2);
    expect(await db.get('articles', seed.id)).toMatchObject({
      savedAt: T0 - 86_400_000,
      tags: ['ABS', '北京', '政策'],
      note: '第一单专利许可ABS',
    });
  });

  it('keeps the version an imported text replaces, counts each article once and notes it for sync', async () => {
    const db = await filledArchive();
    const edited = archived({ title: '导入文件里的标题', bodyText: '导入文件里的正文。', bodyHtml: '<p>导入文件里的正文。</p>', tags: ['政策'] });
    // The same article twice in one batch merges as with an entry already stored.
    const outcome = await importArticles(db, [archived({ tags: ['复盘'] }), edited]);
    expect(outcome).toMatchObject({ taken: 2, created: 0, updated: 1 });
    expect(await getArticle(db, seed.id)).toMatchObject({ title: '导入文件里的标题', bodyText: '导入文件里的正文。', tags: ['ABS', '北京', '复盘', '政策'] });
    expect(await readPrevious(db, seed.id)).toMatchObject({ title: seed.title, bodyText: seed.bodyText });
    const tags = await listFacets(db, 'tag');
    expect(tags.map((facet) => [facet.value, facet.count])).toEqual([['ABS', 1], ['北京', 1], ['复盘', 1], ['政策', 1]]);
    expect((await listFacets(db, 'secid')).every((facet) => facet.count === 1)).toBe(true);
    expect(await db.getAllKeys('syncChanged')).toContain(seed.id);
  });

  it('writes nothing of a batch that fails part way', async () => {
    const db = await fresh();
    const broken = { ...archived({ id: '202601091234567890' }), bodyHtml: (() => 'x') as unknown as string };
    await expect(putArticles(db, [archived(), broken])).rejects.toThrow();
    expect(await db.count('articles')).toBe(0);
    expect(await db.count('bodies')).toBe(0);
    expect(await db.count('facets')).toBe(0);
  });
});

describe('Markdown and CSV export', () => {
  it('writes one Markdown file per article with front matter', () => {
    const article = archived({ tags: ['ABS'], note: '关注' });
    const markdown = articleMarkdown(article);
    expect(markdown.split('\n').slice(0, 4)).toEqual([
      '---',
      'id: "202112302231813952"',
      'title: "北京首个专利许可知识产权证券化项目已设立 发行规模3.37亿元"',
      'url: "https://finance.eastmoney.com/a/202112302231813952.html"',
    ]);
    expect(markdown).toContain('published: "2021-12-30T21:05:00+08:00"');
    expect(markdown).toContain('tags: ["ABS"]');
    expect(markdown).toContain('  - { secid: "0.000931", name: "中关村", kind: stock, count: 3, doubtful: true }');
    expect(markdown).toContain('  - { text: "3.37亿元", value: 337000000, unit: "元", label: "发行规模" }');
    expect(markdown).toContain('## 笔记\n\n关注');
    expect(markdownFileName(article)).toBe('2021-12-30 北京首个专利许可知识产权证券化项目已设立 发行规模3.37亿元 202112302231813952.md');
    expect(markdownFileName(archived({ title: 'a/b:c*?"<>|' }))).toBe('2021-12-30 a b c 202112302231813952.md');
  });

  it('writes one CSV row per article, quoted, with formulas defused', () => {
    const csv = toArchiveCsv([archived({ note: '=HYPERLINK("http://evil")', tags: ['a,b'] })]);
    const lines = csv.replace(/^\ufeff/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe('id,title,url,published_at,source,author,saved_at,securities,doubtful_securities,key_figures,tags,note,summary');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('"\'=HYPERLINK(""http://evil"")"');
    expect(lines[1]).toContain('"a,b"');
    expect(lines[1]).toContain('证券(90.BK0473)×3; 中关村(0.000931)×3');
    expect(lines[1]).toContain(',证券(90.BK0473); 中关村(0.000931),');
    expect(lines[1]).toContain('发行规模 3.37亿元');
  });
});
