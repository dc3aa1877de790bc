import { describe, expect, it } from 'vitest';
import { checkArchivedArticle, parseTags } from '../../lib/archived-article';
import { checkArticleRecord } from '../../lib/article-record';
import { parseBeijingTime } from '../../lib/beijing-time';
import { readQuoteReply } from '../../lib/quotes/quote-reply';
import { parseArchiveJson } from '../../lib/transfer/archive-json';
import type { ArchivedArticle, ArticleRecord } from '../../lib/article-model';

const ID = '202112302231813952';
const record: ArticleRecord = {
  id: ID,
  url: `https://finance.eastmoney.com/a/${ID}.html`,
  title: '北京首个专利许可知识产权证券化项目已设立',
  publishedAt: '2021-12-30T21:05:00+08:00',
  source: '中国证券报',
  author: null,
  summary: '首单专利许可ABS',
  bodyText: '北京首个专利许可知识产权证券化项目已设立。',
  bodyHtml: '<p>北京首个专利许可知识产权证券化项目已设立。</p>',
  mentions: [{ secid: '0.000931', market: 0, code: '000931', kind: 'stock', name: '中关村', count: 3, order: 0 }],
  template: 'current',
};
const T0 = Date.UTC(2026, 0, 1);
const archived = (fields: Record<string, unknown>): unknown => ({ ...record, savedAt: T0, updatedAt: T0, tags: [], note: '', ...fields });
const accepted = (fields: Record<string, unknown>): ArchivedArticle => {
  const checked = checkArchivedArticle(archived(fields));
  if (!checked.ok) throw new Error(`refused: ${checked.error}`);
  return checked.value;
};
const refusal = (fields: Record<string, unknown>) => {
  const checked = checkArchivedArticle(archived(fields));
  return checked.ok ? 'accepted' : checked.error;
};
const mention = (fields: Record<string, unknown>) => ({ mentions: [{ ...record.mentions[0], ...fields }] });
const RLO = '\u202e';

describe('text a row would draw as nothing', () => {
  it('refuses a title of only spaces, zero-width and filler characters', () => {
    for (const title of ['\u200b\u200b', '\u3000\u00a0 ', '\ufeff\u2060', '\u200d', '\u3164', `${RLO}\u2066\u2069`]) {
      expect(refusal({ title })).toBe('title is empty');
    }
  });

  it('refuses a security name of only invisible characters', () => {
    expect(refusal(mention({ name: '\u200b' }))).toBe('mentions[0].name is empty');
  });

  it('keeps a source or author only where something would show', () => {
    expect(accepted({ source: ' \u200b ', author: '\t' })).toMatchObject({ source: null, author: null });
  });

  it('drops tags that would show as a bare "#"', () => {
    expect(accepted({ tags: ['\u200b', 'ABS', '\u2800', '\ufeff北京'] }).tags).toEqual(['ABS', '北京']);
  });
});

describe('text that would reorder or garble what is drawn after it', () => {
  it('takes bidi controls out of titles, names, tags and notes', () => {
    const article = accepted({
      title: `报告${RLO}fdp.exe`,
      tags: [`a${RLO}b`],
      note: `笔记\u2066x\u2069\n第二行`,
      ...mention({ name: `中关${RLO}村` }),
    });
    expect(article.title).toBe('报告fdp.exe');
    expect(article.tags).toEqual(['ab']);
    expect(article.note).toBe('笔记x\n第二行');
    expect(article.mentions[0]!.name).toBe('中关村');
  });

  it('turns control characters in a title into spaces, and lone surrogate halves into the replacement character', () => {
    expect(accepted({ title: 'a\u0000b\u0085c\nd', summary: 'x\ud800y' })).toMatchObject({ title: 'a b c d', summary: 'x\ufffdy' });
  });

  it('never cuts a typed tag inside a surrogate pair', () => {
    expect(parseTags(`${'x'.repeat(39)}😀，ABS`)).toEqual(['x'.repeat(39), 'ABS']);
  });
});

describe('times and numbers a view cannot use', () => {
  it('refuses publication times Date.parse takes but no record writes', () => {
    for (const publishedAt of ['../../2021', 'x 1', 'Tue Mar 01 2022', '+275760-09-13T00:00:00Z', '9999-12-31T23:59:59+08:00']) {
      expect(refusal({ publishedAt })).toContain('publishedAt');
    }
    expect(accepted({ publishedAt: '2021-12-30T13:05:00.000Z' }).publishedAt).toBe('2021-12-30T13:05:00.000Z');
  });

  it('reads no publication time from a page that gives an impossible year', () => {
    expect(parseBeijingTime('9999年12月30日 21:05')).toBeNull();
    expect(parseBeijingTime('0001-01-01 00:00')).toBeNull();
    expect(parseBeijingTime('2021年12月30日 21:05')).toBe('2021-12-30T21:05:00+08:00');
  });

  it('refuses mention counts and orders beyond any body', () => {
    expect(refusal(mention({ count: 1e300 }))).toContain('count');
    expect(refusal(mention({ order: Number.MAX_SAFE_INTEGER }))).toContain('order');
  });

  it('refuses saved quotes no market shows', () => {
    const quote = (fields: Record<string, unknown>) => ({ quotesAtSave: { '0.000931': { price: 4.12, changePct: 1.2, time: null, ...fields } } });
    expect(refusal(quote({ price: 1e300 }))).toContain('quotesAtSave');
    expect(refusal(quote({ changePct: -1e30 }))).toContain('quotesAtSave');
    expect(refusal(quote({ time: -8.64e15 }))).toContain('time');
    expect(accepted(quote({ price: -37.63, changePct: -305.97 })).quotesAtSave).toBeDefined();
  });
});

describe('a quote reply', () => {
  const reply = (fields: Record<string, unknown>) => {
    const read = readQuoteReply({ rc: 0, data: { diff: [{ f2: 4.12, f3: 1.2, f4: 0.05, f12: '000931', f13: 0, f14: '中关村', f124: 1_700_000_000, ...fields }] } });
    return read.ok ? read.quotes.get('0.000931') : undefined;
  };

  it('gives no number for one no market reaches', () => {
    expect(reply({ f2: 1e300, f3: '1e300', f4: -1e12 })).toMatchObject({ price: null, changePct: null, change: null });
  });

  it('gives no time for one before 1970 or after 2200', () => {
    expect(reply({ f124: 1e13 })?.time).toBeNull();
    expect(reply({})?.time).toBe(1_700_000_000_000);
  });

  it('gives a name that draws as written, or none', () => {
    expect(reply({ f14: `中关${RLO}村` })?.name).toBe('中关村');
    expect(reply({ f14: '\u200b' })?.name).toBeNull();
    expect(reply({ f14: '中'.repeat(100_000) })?.name).toBeNull();
  });
});

describe('an import file problem', () => {
  it('quotes an unsupported version briefly, however long it is', () => {
    const parsed = parseArchiveJson(JSON.stringify({ format: 'em-lens-archive', version: 'x'.repeat(1_000_000), articles: [] }));
    expect(parsed).toMatchObject({ ok: false, problem: 'version' });
    expect(!parsed.ok && parsed.problem === 'version' && parsed.version.length).toBeLessThanOrEqual(40);
  });
});

it('a record read from a page is cleaned the same way before it is stored', () => {
  expect(checkArticleRecord({ ...record, title: `${RLO}标题\u200b` })).toMatchObject({ ok: true, value: { title: '标题' } });
});
