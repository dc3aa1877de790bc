// @vitest-environment jsdom
// Reads whole articles, so it needs a DOM that DOMPurify can sanitise with (see sanitize.test.ts).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkArticleRecord } from '../../lib/article-record';
import { collectNoise } from '../../lib/article-noise';
import { MENTION_SELECTOR, mentionElements, securityOfMentionElement } from '../../lib/mentions';
import { readArticleHead } from '../../lib/article-head';
import { readPageRecord } from '../../lib/page-record';
import { SEED_URL, fixtureHtml, pageFromHtml } from './fixtures';

const page = (body: string, head = '<div id="topbox"><div class="title">标题</div><div class="infos"><div class="item">2026年01月09日 17:46</div><div class="item">来源：第一财经</div></div></div>') =>
  pageFromHtml(`<!doctype html><html><head><title>t</title></head><body>${head}<div id="ContentBody" class="txtinfos">${body}</div></body></html>`);

describe('bad markup', () => {
  it.each(['', 'abc', ',', '1,', '0,000931,9', 'x'.repeat(10_000), '999,', ',000931', '-1,000931', '0,' + '9'.repeat(500)])(
    'reads data-code %j without throwing, and keeps only what is a security',
    (code) => {
      const doc = page(`<p>正文<span class="em_stock_key_common" data-code="${code}">某某</span>，<span id="stock_0.000931"><a class="keytip" data-code="0,000931">中关村</a></span></p>`);
      const record = readPageRecord(doc, SEED_URL)!;
      expect(record.mentions.map((m) => m.secid)).toEqual(['0.000931']);
      expect(checkArticleRecord(record).ok).toBe(true);
    },
  );

  it('counts nested keytips once', () => {
    const doc = page(
      '<p><span id="stock_0.000931"><a class="keytip em_stock_key_common" data-code="0,000931"><span class="em_stock_key_common" data-code="0,000931">中关村</span></a></span>和<span class="em_stock_key_common" data-code="0,000931">中关村</span></p>',
    );
    expect(readPageRecord(doc, SEED_URL)!.mentions).toMatchObject([{ secid: '0.000931', count: 2, name: '中关村' }]);
  });

  it('reads 20,000 marked mentions', () => {
    const repeat = '<span class="em_stock_key_common" data-code="90,BK0473">证券</span>，'.repeat(19_999);
    const doc = page(`<p><span id="bk_90.BK0473"><a class="keytip" data-code="90,BK0473">证券</a></span>${repeat}</p>`);
    expect(readArticleHead(doc, SEED_URL)!.mentions).toMatchObject([{ secid: '90.BK0473', count: 20_000 }]);
  }, 60_000);

  it('makes a sensible record with no title, time or source', () => {
    const doc = pageFromHtml('<html><head><title>只有标题_东方财富网</title></head><body><div id="topbox"></div><div id="ContentBody"><p>只有一段正文。</p></div></body></html>');
    const record = readPageRecord(doc, SEED_URL)!;
    expect(record).toMatchObject({ title: '只有标题', publishedAt: null, source: null, author: null, summary: '只有一段正文。' });
    expect(checkArticleRecord(record).ok).toBe(true);
    const untitled = readPageRecord(pageFromHtml('<div id="topbox"></div><div id="ContentBody"><p>正文的第一句话。第二句。</p></div>'), SEED_URL)!;
    expect(untitled.title).toBe('正文的第一句话。第二句。');
  });

  it('keeps a title that broken markup made enormous within what the archive holds', () => {
    // Found by the mutation property below: an unclosed tag pours the page into the title.
    const seed = fixtureHtml('current-seed.html');
    let html = seed;
    for (const [at, length, insert] of [[0, 244, ''], [922, 0, '<A'], [971, 215, '']] as const) {
      html = html.slice(0, at) + insert + html.slice(at + length);
    }
    const record = readPageRecord(pageFromHtml(html), SEED_URL);
    if (record) expect(checkArticleRecord(record)).toMatchObject({ ok: true });
    const long = readPageRecord(page('<p>正文</p>', `<div id="topbox"><div class="title">${'长'.repeat(2000)}</div></div>`), SEED_URL)!;
    expect(long.title).toHaveLength(500);
    expect(checkArticleRecord(long).ok).toBe(true);
  });

  it('reads a 5 MB body into a record the archive accepts', () => {
    const paragraph = `<p>${'知识产权证券化'.repeat(1000)}</p>`;
    const doc = page(paragraph.repeat(240)); // 240 × 7,000 characters ≈ 5 MB of UTF-8
    const record = readPageRecord(doc, SEED_URL)!;
    expect(record.bodyText.length).toBeGreaterThan(1_600_000);
    expect(new TextEncoder().encode(record.bodyText).length).toBeGreaterThan(5_000_000);
    expect(checkArticleRecord(record).ok).toBe(true);
  });
});

describe('property: reading never throws', () => {
  const tag = fc.constantFrom('p', 'div', 'section', 'span', 'a', 'strong', 'img', 'table', 'td', 'script', 'style', 'iframe', 'svg', 'form');
  const attribute = fc.oneof(
    fc.constant('class="keytip"'),
    fc.constant('class="em_stock_key_common"'),
    fc.constant('style="display:none"'),
    fc.constantFrom('hidden', 'style="color:red"', 'style="Visibility: Hidden"', 'class="res-edit"', 'class="ad_context3"', 'class="em_media"', 'class="toplink"'),
    fc.string({ maxLength: 20 }).map((code) => `data-code="${code.replace(/"/g, '')}"`),
    fc.constantFrom('0,000931', '90,BK0473', '1,', '', '116,00700', '105,AAPL', 'BK0474', '600519').map((code) => `data-code="${code}"`),
    fc.constantFrom('stock_', 'bk_', 'stock_0.000931', 'bk_474', 'stock_6005191', 'stock_NASDAQ_AAPL7', 'stock_', 'Info.x').map((id) => `id="${id}"`),
    fc.string({ maxLength: 30 }).map((href) => `href="${href.replace(/"/g, '')}"`),
    fc
      .constantFrom('http://quote.eastmoney.com/r/0.002353', 'http://quote.eastmoney.com/unify/r/1.000001', 'http://quote.eastmoney.com/r/002353', 'http://baike.eastmoney.com/item/市盈率', '/r/')
      .map((href) => `href="${href}"`),
    fc.constant('onerror="window.__pwned=1"'),
  );
  const node: fc.Arbitrary<string> = fc.letrec((tie) => ({
    node: fc.oneof(
      { depthSize: 'small' },
      fc.string({ maxLength: 12 }).map((text) => text.replace(/[<>&]/g, '')),
      fc.constantFrom('中关村', '证券', '（责任编辑：DF1）', '郑重声明：', '一站式开户交易>>'),
      // Marked mentions whose own markup may make them noise.
      fc
        .tuple(
          fc.constantFrom(
            '<span class="em_stock_key_common%" data-code="0,000931"#>中关村</span>',
            '<span id="bk_474"><a class="keytip%" href="http://quote.eastmoney.com/unify/r/90.BK0474"#>证券</a></span>',
            // Given only in the address, or with the market only in the address.
            '<a class="em_stock_key_common%" href="http://quote.eastmoney.com/r/0.002353"#>杰瑞股份</a>',
            '<a class="keytip%" data-code="000001" href="http://quote.eastmoney.com/unify/r/1.000001"#>上证指数</a>',
            '<span id="stock_002353"><a class="keytip%" data-code="002353" href="http://quote.eastmoney.com/r/0.002353"#>杰瑞股份</a></span>',
            '<a class="em_stock_key_common%" href="http://baike.eastmoney.com/item/市盈率"#>市盈率</a>',
          ),
          fc.constantFrom('', ' res-edit', ' ad_context2', ' toplink'),
          fc.constantFrom('', ' hidden', ' style="display: none"', ' style="color:red"'),
        )
        .map(([markup, extraClass, extra]) => markup.replace('%', extraClass).replace('#', extra)),
      fc
        .tuple(tag, fc.array(attribute, { maxLength: 3 }), fc.array(tie('node'), { maxLength: 4 }))
        .map(([name, attributes, children]) => `<${name} ${attributes.join(' ')}>${children.join('')}</${name}>`),
    ),
  })).node;

  it('gives null or a record that passes the archive check, for random pages', () => {
    fc.assert(
      fc.property(fc.array(node, { maxLength: 8 }), fc.boolean(), (nodes, withHead) => {
        const doc = withHead ? page(nodes.join('')) : pageFromHtml(`<div id="topbox"></div><div id="ContentBody">${nodes.join('')}</div>`);
        const record = readPageRecord(doc, SEED_URL);
        if (record) expect(checkArticleRecord(record)).toMatchObject({ ok: true });
      }),
      { numRuns: 150 },
    );
  }, 120_000);

  it('counts the same mentions from the mentions up as a pass over the whole body would', () => {
    // The whole-body definition: a marked element counts unless it or an
    // ancestor is noise, or it sits inside another marked element.
    const reference = (body: Element) => {
      const noise = collectNoise(body);
      const marked = new Set(body.querySelectorAll(MENTION_SELECTOR));
      const above = (element: Element, test: (node: Element) => boolean) => {
        for (let node = element.parentElement; node && node !== body; node = node.parentElement) if (test(node)) return true;
        return false;
      };
      return [...marked].filter(
        (element) =>
          !noise.has(element) &&
          !above(element, (node) => noise.has(node) || marked.has(node)) &&
          securityOfMentionElement(element) !== null,
      );
    };
    fc.assert(
      fc.property(fc.array(node, { maxLength: 10 }), (nodes) => {
        const body = page(nodes.join('')).querySelector('#ContentBody')!;
        expect(mentionElements(body).map((found) => found.element)).toEqual(reference(body));
      }),
      { numRuns: 300 },
    );
  }, 120_000);

  it('never throws on mutated copies of the seed page', () => {
    const seed = fixtureHtml('current-seed.html');
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(seed.length), fc.nat(400), fc.string({ maxLength: 30 })), { minLength: 1, maxLength: 6 }),
        (cuts) => {
          let html = seed;
          for (const [at, length, insert] of cuts) html = html.slice(0, at) + insert + html.slice(at + length);
          const record = readPageRecord(pageFromHtml(html), SEED_URL);
          if (record) expect(checkArticleRecord(record).ok).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  }, 120_000);
});
