// @vitest-environment jsdom
// Reads whole articles, so it needs a DOM that DOMPurify can sanitise with (see sanitize.test.ts).
import { posix, win32 } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { exportFile } from '../../lib/transfer/export-file';
import { putArticles } from '../../lib/archive/articles';
import { openArchive } from '../../lib/archive/db';
import type { ArchivedArticle } from '../../lib/article-model';
import { readPageRecord } from '../../lib/page-record';
import { markdownZip } from '../../lib/transfer/markdown-zip';
import { safeEntryName, uniqueEntryNames } from '../../lib/transfer/zip-entry-name';
import { SEED_URL, fixtureDocument } from './fixtures';

const seed = readPageRecord(fixtureDocument('current-seed.html'), SEED_URL)!;
const T0 = Date.UTC(2026, 10, 1);

/** The seed under another id, with fields as a file imported by an earlier release could have left them. */
function stored(n: number, fields: Partial<ArchivedArticle>): ArchivedArticle {
  return { ...seed, id: `2021123022318139${String(n).padStart(2, '0')}`, savedAt: T0, updatedAt: T0, tags: [], note: '', ...fields };
}

const HOSTILE: Array<Partial<ArchivedArticle>> = [
  { title: '../../x' },
  { title: '..\\..\\Windows\\x', publishedAt: null },
  // Date.parse reads these as dates, so an earlier release's import let them in.
  { title: 'x', publishedAt: '../../2021' },
  { title: 'x', publishedAt: '..\\..\\2021' },
  { title: '.bashrc', publishedAt: '.. 1 2021' },
  { title: 'CON', publishedAt: 'con 1 2021' },
  { title: 'a<b>c:d"e|f?g*h', publishedAt: null },
  { title: '\u202egpj.exe\u0000\u001f\u200b' },
  { title: '证券'.repeat(250) },
  { title: '%2e%2e%2fx ~/x $HOME' },
];

/** jsdom's Blob has no arrayBuffer(); its FileReader reads one. */
function bytesOf(blob: Blob): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(blob);
  });
}

const ALLOWED = /^[\p{L}\p{N}\p{M} ._()-]+$/u;
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;

function expectSafe(name: string) {
  expect(name).toMatch(ALLOWED);
  expect(name).not.toMatch(/^[.\s-]|[.\s]$/);
  expect(name).not.toMatch(RESERVED);
  expect(new TextEncoder().encode(name).length).toBeLessThanOrEqual(255);
  for (const path of [posix, win32]) {
    const folder = path.resolve('/unzip/here');
    expect(path.dirname(path.resolve(folder, name))).toBe(folder);
  }
}

describe('the Markdown zip', () => {
  it('unzips every entry inside its folder, whatever the titles and dates say', async () => {
    const db = await openArchive('markdown-zip-hostile');
    await putArticles(db, HOSTILE.map((fields, i) => stored(i, fields)));
    const { data } = await exportFile(db, 'markdown', {});
    const entries = unzipSync(await bytesOf(data));
    const names = Object.keys(entries);
    expect(names).toHaveLength(HOSTILE.length);
    for (const name of names) expectSafe(name);
    expect(names.filter((name) => name.endsWith('.md'))).toHaveLength(HOSTILE.length);
    // Each file is still the article, named so one can tell which.
    expect(names.some((name) => name.includes('证券证券'))).toBe(true);
    expect(strFromU8(entries[names.find((name) => name.includes('CON'))!]!)).toContain('title: "CON"');
  });

  it('gives each article its own entry, even when two would be named alike', () => {
    const twice = [stored(1, { title: 'ABS' }), stored(1, { title: 'abs' }), stored(1, { title: 'ABS' })];
    const entries = unzipSync(markdownZip(twice));
    expect(Object.keys(entries)).toHaveLength(3);
    expect(new Set(Object.keys(entries).map((name) => name.toLowerCase())).size).toBe(3);
  });
});

describe('zip entry names', () => {
  it('keep CJK letters and drop every separator, control and invisible character', () => {
    expect(safeEntryName('2021-12-30 北京/专利\\证券化:ABS\u202e 1', '.md')).toBe('2021-12-30 北京 专利 证券化 ABS 1.md');
    expect(safeEntryName('...', '.md')).toBe('article.md');
    expect(safeEntryName('nul', '.md')).toBe('_nul.md');
    expect(safeEntryName('LPT¹', '.txt')).toBe('_LPT¹.txt');
  });

  it('stay within a byte length every file system takes, cut between characters', () => {
    const name = safeEntryName('𠀀'.repeat(200), '.md');
    expect(new TextEncoder().encode(name).length).toBeLessThanOrEqual(255);
    expect(name).toMatch(/^(𠀀)+\.md$/u);
  });

  it('are made unique ignoring case, within the length', () => {
    const long = safeEntryName('证'.repeat(300), '.md');
    const names = uniqueEntryNames(['a.md', 'A.md', 'a.md', long, long]);
    expect(names.slice(0, 3)).toEqual(['a.md', 'A (2).md', 'a (3).md']);
    expect(names[4]).toMatch(/ \(2\)\.md$/);
    for (const name of names) expectSafe(name);
  });
});
