import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ArticleRecord } from '../../lib/article-model';
import { createTabArticles, type TabArticles } from '../../lib/tab-articles';
import type { SenderContext } from '../../lib/protocol';

export const SEED_URL = 'https://finance.eastmoney.com/a/202112302231813952.html';
export const LEGACY_URL = 'http://finance.eastmoney.com/news/1354,201905191126530972.html';

export function fixtureHtml(name: string): string {
  return readFileSync(resolve(process.cwd(), 'test/fixtures', name), 'utf8');
}

export function fixtureDocument(name: string): Document {
  return pageFromHtml(fixtureHtml(name));
}

export function pageFromHtml(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

/** A small current-template record, mentioning 中关村 once unless told otherwise. */
export function fakeRecord(id: string, overrides: Partial<ArticleRecord> = {}): ArticleRecord {
  return {
    id,
    url: `https://finance.eastmoney.com/a/${id}.html`,
    title: `文章 ${id}`,
    publishedAt: '2026-01-09T17:46:00+08:00',
    source: '第一财经',
    author: null,
    summary: '摘要',
    bodyText: '正文',
    bodyHtml: '<p>正文</p>',
    mentions: [{ secid: '0.000931', market: 0, code: '000931', name: '中关村', kind: 'stock', count: 1, order: 0 }],
    template: 'current',
    ...overrides,
  };
}

/**
 * The archive frame of tab 3, whose page shows article `id`, as the
 * background knows it: the sender of the frame's messages and the tabs the
 * background holds its save to.
 */
export function frameShowing(id: string): { tabs: TabArticles; sender: SenderContext } {
  const tabs = createTabArticles();
  tabs.show(3, { id, securities: [], frameId: 0, address: null });
  return { tabs, sender: { kind: 'overlay-frame', tabId: 3, frameId: 7 } };
}
