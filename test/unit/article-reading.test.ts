// @vitest-environment jsdom
// Reads whole articles, so it needs a DOM that DOMPurify can sanitise with (see sanitize.test.ts).
import { describe, expect, it } from 'vitest';
import { readArticleHead } from '../../lib/article-head';
import { readPageRecord } from '../../lib/page-record';
import { byProminence } from '../../lib/mentions';
import { LEGACY_URL, SEED_URL, fixtureDocument, pageFromHtml } from './fixtures';

describe('the seed article in the current template', () => {
  const record = readPageRecord(fixtureDocument('current-seed.html'), SEED_URL)!;

  it('reads title, source, time and canonical URL', () => {
    expect(record).not.toBeNull();
    expect(record.id).toBe('202112302231813952');
    expect(record.url).toBe(SEED_URL);
    expect(record.title).toBe('北京首个专利许可知识产权证券化项目已设立 发行规模3.37亿元');
    expect(record.source).toBe('中国证券报');
    expect(record.publishedAt).toBe('2021-12-30T21:05:00+08:00');
    expect(new Date(record.publishedAt!).toISOString()).toBe('2021-12-30T13:05:00.000Z');
    expect(record.author).toBeNull();
    expect(record.template).toBe('current');
  });

  it('finds exactly two securities, three mentions each, ignoring hidden and ad copies', () => {
    expect(record.mentions).toMatchObject([
      { secid: '90.BK0473', market: 90, code: 'BK0473', name: '证券', kind: 'sector', count: 3, order: 0 },
      { secid: '0.000931', market: 0, code: '000931', name: '中关村', kind: 'stock', count: 3, order: 1 },
    ]);
    expect(record.mentions).toHaveLength(2);
  });

  it('keeps the rules’ verdict on each security with a window of every mark', () => {
    for (const mention of record.mentions) {
      expect(mention.relevance).toMatchObject({ verdict: 'doubtful', doubtfulMentions: 3, rule: 'fragment_of_name' });
      expect(mention.relevance!.marks.map((mark) => mark.text)).toEqual([mention.name, mention.name, mention.name]);
    }
    expect(record.mentions[1]!.relevance!.params).toEqual(['中关村', '中关村担保']);
  });

  it('keeps the key figures, 3.37亿元 and 15家 among them', () => {
    expect(record.keyFigures!.slice(0, 5)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ text: '3.37亿元', value: 337_000_000, unit: '元' }),
        expect.objectContaining({ text: '15家', value: 15, unit: '家' }),
      ]),
    );
  });

  it('sorts badges by count, then by first appearance', () => {
    expect([...record.mentions].sort(byProminence).map((m) => m.secid)).toEqual(['90.BK0473', '0.000931']);
  });

  it('uses the page summary (摘要) without its label', () => {
    expect(record.summary).toBe('北京首个专利许可知识产权证券化项目已设立，发行规模3.37亿元。');
  });

  it('keeps the article text and drops ads, promotions, hidden paragraphs and editor lines', () => {
    const lines = record.bodyText.split('\n');
    expect(lines[0]).toMatch(/^中国证券报记者12月30日从中国技术交易所获悉/);
    expect(lines.at(-1)).toMatch(/^中国技术交易所总经理孙长在发布会上介绍了首期专项计划有关情况/);
    expect(lines).toHaveLength(6);
    for (const unwanted of ['隐藏段落', '妙想AI', '一站式开户', '责任编辑', '郑重声明', '文章来源', '广告']) {
      expect(record.bodyText).not.toContain(unwanted);
    }
  });

  it('keeps the body HTML sanitised, with its paragraphs', () => {
    expect(record.bodyHtml).toContain('<p>');
    expect(record.bodyHtml).toContain('知识产权证券化');
    expect(record.bodyHtml).not.toMatch(/<(script|iframe|form|style)/i);
    expect(record.bodyHtml).not.toContain('em_handle_adv_close');
  });
});

describe('the older .newsContent template with older markup', () => {
  const record = readPageRecord(fixtureDocument('legacy-variants.html'), LEGACY_URL)!;

  it('gives a complete record', () => {
    expect(record).toMatchObject({
      id: '201905191126530972',
      url: 'https://finance.eastmoney.com/a/201905191126530972.html',
      title: '白酒龙头再创新高 外资持续加仓消费板块',
      publishedAt: '2019-05-19T10:12:00+08:00',
      source: '证券时报',
      author: '李明',
      summary: '外资本周净买入白酒股超过20亿元，保险板块同步走强。',
      template: 'legacy',
    });
    expect(record.bodyText).toContain('本周贵州茅台股价再创新高');
    expect(record.bodyText).not.toContain('责任编辑');
  });

  it('reads every older variant where the market can be known, and nothing that is not a security', () => {
    const summary = Object.fromEntries(record.mentions.map((m) => [m.secid, [m.name, m.kind, m.count]]));
    expect(summary).toEqual({
      '1.600519': ['贵州茅台', 'stock', 2],
      '0.002353': ['杰瑞股份', 'stock', 3],
      '90.BK0474': ['保险', 'sector', 1],
      '105.AAPL': ['苹果', 'us', 1],
      '116.00700': ['腾讯控股', 'hk', 1],
      '0.161125': ['标普500', 'fund', 1],
      '1.000001': ['上证指数', 'index', 1],
    });
    expect(record.mentions.map((m) => m.order)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });
});

describe('other templates', () => {
  it('reads the mobile page under the same id and canonical URL as the desktop one', () => {
    const record = readPageRecord(fixtureDocument('mobile-article.html'), 'https://wap.eastmoney.com/a/202112302231813952.html')!;
    expect(record).toMatchObject({
      id: '202112302231813952',
      url: 'https://finance.eastmoney.com/a/202112302231813952.html',
      title: '北京首个专利许可知识产权证券化项目已设立 发行规模3.37亿元',
      publishedAt: '2021-12-30T21:05:00+08:00',
      source: '中国证券报',
      summary: '北京首个专利许可知识产权证券化项目已设立。',
      template: 'mobile',
    });
    expect(record.mentions.map((m) => m.secid)).toEqual(['90.BK0473', '0.000931']);
  });

  it('reads a 财富号 article', () => {
    const record = readPageRecord(
      fixtureDocument('caifuhao-article.html'),
      'https://caifuhao.eastmoney.com/news/20190124053117311720040',
    )!;
    expect(record).toMatchObject({
      id: '20190124053117311720040',
      title: '券商板块的春天来了吗？',
      publishedAt: '2019-01-24T05:31:17+08:00',
      source: '财富号',
      author: '价值投资老王',
      summary: '财富号作者谈券商板块。',
      template: 'caifuhao',
    });
    expect(record.mentions.map((m) => [m.secid, m.kind])).toEqual([
      ['90.BK0473', 'sector'],
      ['1.600030', 'stock'],
    ]);
    // The body is the article body, not the heading with its byline.
    expect(record.bodyText).toBe('开年以来证券板块持续活跃，中信证券领涨。\n本文不构成投资建议。');
  });

  it('falls back to the opening of the body when the page has no summary', () => {
    const page = pageFromHtml(
      '<div id="topbox"><div class="title">标题</div></div><div id="ContentBody"><p>　　第一段说了一件事。</p><p>第二段。</p></div>',
    );
    const record = readPageRecord(page, 'https://stock.eastmoney.com/a/202601091234567890.html')!;
    expect(record.summary).toBe('第一段说了一件事。 第二段。');
    expect(record.publishedAt).toBeNull();
    expect(record.source).toBeNull();
    expect(record.mentions).toEqual([]);
  });
});

describe('pages that are not articles', () => {
  it('gives nothing for a list page, even at an /a/ URL', () => {
    expect(readPageRecord(fixtureDocument('list-page.html'), 'https://finance.eastmoney.com/a/cgspl.html')).toBeNull();
  });

  it('gives nothing for an article URL whose page has no body', () => {
    expect(readArticleHead(fixtureDocument('missing-body.html'), SEED_URL)).toBeNull();
    expect(readPageRecord(fixtureDocument('missing-body.html'), SEED_URL)).toBeNull();
  });

  it('gives nothing for an article page at a URL that is not an article', () => {
    expect(readPageRecord(fixtureDocument('current-seed.html'), 'https://example.com/a/202112302231813952.html')).toBeNull();
  });

  it('gives nothing for a body that is only noise', () => {
    const page = pageFromHtml('<div id="topbox"></div><div id="ContentBody"><p style="display:none">隐藏</p><p>（责任编辑：DF1）</p></div>');
    expect(readPageRecord(page, SEED_URL)).toBeNull();
  });
});
