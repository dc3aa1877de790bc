// @vitest-environment jsdom
// Reads whole articles, so it needs a DOM that DOMPurify can sanitise with (see sanitize.test.ts).
import { describe, expect, it } from 'vitest';
import { findOriginalArticle, isEastmoneyPage } from '../../lib/article-copy';
import { readPageRecord } from '../../lib/page-record';
import { SEED_URL, fixtureDocument, pageFromHtml } from './fixtures';

const COPY_URL = 'https://finews.withounder.com/emnews/2021/12/30/202112302231813952.html';

describe('copies of Eastmoney articles on other sites', () => {
  it('finds the one original a page links to', () => {
    expect(findOriginalArticle(fixtureDocument('copy-page.html'), COPY_URL)?.id).toBe('202112302231813952');
    const two = pageFromHtml(
      '<a href="https://finance.eastmoney.com/a/202112302231813952.html">a</a><a href="https://finance.eastmoney.com/a/201905191126530972.html">b</a>',
    );
    expect(findOriginalArticle(two, COPY_URL)).toBeNull();
    const bare = pageFromHtml('<p>原文：https://wap.eastmoney.com/a/202112302231813952.html）</p>');
    expect(findOriginalArticle(bare, COPY_URL)?.id).toBe('202112302231813952');
    expect(findOriginalArticle(pageFromHtml('<a href="http://[bad">x</a>'), COPY_URL)).toBeNull();
  });

  it('reads the copy into the same record as the original, under the original id', () => {
    const copy = readPageRecord(fixtureDocument('copy-page.html'), COPY_URL)!;
    const original = readPageRecord(fixtureDocument('current-seed.html'), SEED_URL)!;
    expect(copy).toMatchObject({
      id: original.id,
      url: original.url,
      title: original.title,
      source: original.source,
      mentions: original.mentions,
      template: 'generic',
    });
    expect(copy.publishedAt?.slice(0, 16)).toBe(original.publishedAt?.slice(0, 16));
    expect(copy.bodyText).toBe(original.bodyText);
    expect(copy.summary).toMatch(/^记者12月30日从中国技术交易所获悉/);
  });

  it('reads nothing on a page elsewhere that names no original, and no copy on Eastmoney itself', () => {
    expect(readPageRecord(fixtureDocument('current-seed.html'), 'https://example.org/post.html')).toBeNull();
    expect(readPageRecord(fixtureDocument('copy-page.html'), 'https://finance.eastmoney.com/a/cgspl.html')).toBeNull();
    expect(isEastmoneyPage('https://guba.eastmoney.com/x')).toBe(true);
    expect(isEastmoneyPage('https://eastmoney.com.example.org/')).toBe(false);
  });
});
