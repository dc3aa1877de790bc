// @vitest-environment jsdom
// Reads whole articles, so it needs a DOM that DOMPurify can sanitise with (see sanitize.test.ts).
import { render } from 'preact';
import { strFromU8, unzipSync } from 'fflate';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ArticleList } from '../../components/archive/article-list';
import { ReaderArticle } from '../../components/reader/reader-app';
import type { ArchivedArticle, ArticleListing } from '../../lib/article-model';
import { checkArchivedArticle } from '../../lib/archived-article';
import { readPageRecord } from '../../lib/page-record';
import { toArchiveCsv } from '../../lib/transfer/archive-csv';
import { parseArchiveJson, toArchiveJson } from '../../lib/transfer/archive-json';
import { articleMarkdown } from '../../lib/transfer/archive-markdown';
import { markdownZip } from '../../lib/transfer/markdown-zip';
import { SEED_URL, fixtureDocument } from './fixtures';

const seed = readPageRecord(fixtureDocument('current-seed.html'), SEED_URL)!;
const secids = seed.mentions.map((m) => m.secid);

// Strings as files and replies carry them: any UTF-16, with the characters that trouble views mixed in.
const troublesome = fc.constantFrom(
  '../../x', '..\\x', '.', 'CON', ' ', '\u3000', '\u200b', '\u200d', '\u2060', '\ufeff', '\u202e', '\u2066', '\u200f', '\u0000', '\u001f',
  '\u0085', '\ud800', '\udfff', '😀', '证券', '\n', '=1+1', '"', '<script>', '\u3164', '\u2800',
);
const text = (maxLength: number) =>
  fc.oneof(
    fc.string({ unit: 'binary', maxLength }),
    fc.array(fc.oneof(troublesome, fc.string({ maxLength: 3 })), { maxLength: 8 }).map((parts) => parts.join('').slice(0, maxLength)),
  );
const number = fc.oneof(
  { arbitrary: fc.constant(null), weight: 3 },
  fc.double(),
  { arbitrary: fc.double({ min: -20, max: 20, noNaN: true }), weight: 8 },
  fc.constantFrom(0, -0, 1e9, -1e9, 1e20, -1e20, 8.64e15, 8.64e15 + 1, Number.MAX_VALUE, Number.MIN_VALUE),
);
const time = fc.oneof(
  number,
  { arbitrary: fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2026, 0, 1) }), weight: 6 },
  fc.integer({ min: -8.64e15, max: 8.64e15 }),
);
const publishedAt = fc.oneof(
  { arbitrary: fc.constant(null), weight: 3 },
  {
    arbitrary: fc.date({ min: new Date('1960-01-01'), max: new Date('2210-01-01'), noInvalidDate: true }).map((d) => d.toISOString().replace('Z', '+08:00')),
    weight: 6,
  },
  fc.constantFrom('2021-12-30T21:05:00+08:00', '../../2021', 'x 1', '+275760-09-13T00:00:00Z', '9999-12-31T23:59:59+08:00', '2021-13-45T99:99:99+08:00'),
  text(40),
);
const count = fc.oneof({ arbitrary: fc.integer({ min: 1, max: 50 }), weight: 8 }, fc.constantFrom(0, -1, 1.5, 1e7, 1e7 + 1, Number.MAX_SAFE_INTEGER, 1e300));

const candidate = fc.record({
  title: fc.oneof(text(60), { arbitrary: fc.string({ minLength: 1, maxLength: 30 }), weight: 2 }),
  publishedAt,
  source: fc.option(text(30), { nil: null }),
  author: fc.option(text(30), { nil: null }),
  summary: text(80),
  tags: fc.array(text(20), { maxLength: 6 }),
  note: text(200),
  savedAt: fc.oneof(time, fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2026, 0, 1) })),
  names: fc.array(fc.oneof({ arbitrary: fc.constant(null), weight: 2 }, text(20)), { minLength: secids.length, maxLength: secids.length }),
  counts: fc.array(count, { minLength: secids.length, maxLength: secids.length }),
  quotes: fc.option(
    fc.array(fc.record({ price: number, changePct: number, time }), { minLength: secids.length, maxLength: secids.length }),
    { nil: undefined },
  ),
});

type Candidate = typeof candidate extends fc.Arbitrary<infer T> ? T : never;

function asFile(c: Candidate): unknown {
  return {
    ...seed,
    title: c.title,
    publishedAt: c.publishedAt,
    source: c.source,
    author: c.author,
    summary: c.summary,
    mentions: seed.mentions.map((m, i) => ({ ...m, name: c.names[i] ?? m.name, count: c.counts[i] })),
    savedAt: c.savedAt,
    updatedAt: c.savedAt,
    tags: c.tags,
    note: c.note,
    ...(c.quotes && { quotesAtSave: Object.fromEntries(secids.map((secid, i) => [secid, c.quotes![i]])) }),
  };
}

function listingOf(article: ArchivedArticle): ArticleListing {
  const { bodyText: _text, bodyHtml: _html, ...listing } = article;
  return { ...listing, secids: article.mentions.map((m) => m.secid), kinds: [...new Set(article.mentions.map((m) => m.kind))] };
}

const noop = () => {};
const visible = (value: string) => /[^\s\p{Cf}\p{Cc}\u3164\u2800]/u.test(value);

function expectRowShows(article: ArchivedArticle) {
  const host = document.createElement('div');
  const listing = listingOf(article);
  render(
    <ArticleList
      items={[{ listing, snippet: null }]}
      focusSecid={article.mentions[0]?.secid}
      onOpen={noop}
      onRead={noop}
      onDelete={noop}
      onSelectSecurity={noop}
      onAnnotate={async () => {}}
      onMore={null}
    />,
    host,
  );
  const row = host.querySelector(`li[data-article-id="${article.id}"]`)!;
  expect(row.getAttribute('data-role')).not.toBe('unshowable-article');
  const title = row.querySelector('.article-title')!.textContent!;
  expect(title).toBe(article.title);
  expect(visible(title)).toBe(true);
  expect(row.querySelectorAll('[data-secid]')).toHaveLength(article.mentions.length);
  render(null, host);
}

function expectReaderShows(article: ArchivedArticle) {
  const host = document.createElement('div');
  render(<ReaderArticle article={{ ...listingOf(article), ...article }} openArchive={noop} onAnnotate={async () => {}} />, host);
  expect(host.querySelector('[data-role="unshowable-article"]')).toBeNull();
  expect(host.querySelector('h1')!.textContent).toBe(article.title);
  expect(host.querySelector('[data-role="reader-body"]')!.textContent).toContain('专利');
  render(null, host);
}

function expectExports(article: ArchivedArticle) {
  const json = toArchiveJson([article]);
  const parsed = parseArchiveJson(json);
  // What the import took comes back through export and import unchanged.
  expect(parsed.ok && parsed.articles.map(checkArchivedArticle)).toEqual([{ ok: true, value: article }]);
  expect(toArchiveCsv([article])).toMatch(new RegExp(`^\ufeffid,title,.*\r\n${article.id},`));
  expect(articleMarkdown(article)).toContain(`id: "${article.id}"`);
  const entries = unzipSync(markdownZip([article]));
  const [name] = Object.keys(entries);
  expect(name).toMatch(/^\d{4}-\d{2}-\d{2} [\p{L}\p{N}\p{M} ._()-]+\.md$/u);
  expect(strFromU8(entries[name!]!)).toBe(articleMarkdown(article));
}

describe('property: any record the import accepts', () => {
  it('renders in the popup and archive rows and the reader, and goes through every export', () => {
    let accepted = 0;
    fc.assert(
      fc.property(candidate, (c) => {
        const checked = checkArchivedArticle(asFile(c));
        if (!checked.ok) return;
        accepted += 1;
        expectRowShows(checked.value);
        expectReaderShows(checked.value);
        expectExports(checked.value);
      }),
      { numRuns: 400 },
    );
    // The property says something only if many candidates got through.
    expect(accepted).toBeGreaterThan(40);
  }, 60_000);
});
