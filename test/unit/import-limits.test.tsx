// @vitest-environment jsdom
// Reads whole articles, so it needs a DOM that DOMPurify can sanitise with (see sanitize.test.ts).
import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import { ImportReport } from '../../components/archive/import-report';
import { importFile as importBatches } from '../../lib/transfer/import-file';
import { createArchiveEvents } from '../../lib/archive/archive-events';
import { openArchive } from '../../lib/archive/db';
import { BACKGROUND_RULES } from '../../lib/protocol-background';
import { createReceiver, createSender } from '../../lib/protocol';
import { readPageRecord } from '../../lib/page-record';
import { ARCHIVE_FILE_LIMITS, parseArchiveJson, toArchiveJson } from '../../lib/transfer/archive-json';
import { jsonNestingDepth } from '../../lib/transfer/json-depth';
import { archiveHandlers } from '../../entrypoints/background/archive-messages';
import { SEED_URL, fixtureDocument } from './fixtures';
import { createTabArticles } from '../../lib/tab-articles';

const seed = readPageRecord(fixtureDocument('current-seed.html'), SEED_URL)!;
const MB = 1024 * 1024;
const HEAD = '{"format":"em-lens-archive","version":1,"articles":';

/** `levels` arrays inside each other, about `levels` × 2 bytes. */
const nested = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;

let n = 0;
/**
 * The import as the archive page runs it, each batch going to the
 * background's handlers through a structured clone, as the browser's
 * messaging copies it (a clone of a value nested too deep overflows the stack).
 */
async function backgroundSender() {
  const db = await openArchive(`import-limits-${(n += 1)}`);
  const receive = createReceiver(
    BACKGROUND_RULES,
    archiveHandlers(async () => db, { readPageRecord: async () => ({ record: null, committedUrl: null }), quotesNow: () => undefined, events: createArchiveEvents(), tabs: createTabArticles() }),
  );
  return createSender((message) => receive(structuredClone(message), 'extension-page'));
}

/** The archive page's import: the file in batches, each sent to the background. */
const importFile = (file: Parameters<typeof importBatches>[0], send: ReturnType<typeof createSender>) =>
  importBatches(file, (articles) => send('bg:import-articles', { articles }));

function reportText(report: Awaited<ReturnType<typeof importFile>>): string {
  const host = document.createElement('div');
  render(<ImportReport report={report} onDismiss={() => {}} />, host);
  return host.textContent ?? '';
}

describe('an import file nested too deep', () => {
  it('gets a clear refusal when the nesting is in the version', () => {
    const text = `{"format":"em-lens-archive","version":${nested(5 * MB)}}`;
    expect(parseArchiveJson(text)).toEqual({ ok: false, problem: 'too-deep', limit: ARCHIVE_FILE_LIMITS.depth });
  });

  it('gets a report, not silence, when the nesting is inside an article (10 MB)', async () => {
    const text = `${HEAD}[{"id":"202112302231813952","tags":${nested(5 * MB)}}]}`;
    expect(text.length).toBeGreaterThan(10 * MB);
    const report = await importFile({ text: async () => text }, await backgroundSender());
    expect(report.fileError).toMatchObject({ problem: 'too-deep', limit: ARCHIVE_FILE_LIMITS.depth });
    expect(reportText(report)).toContain(`文件嵌套超过 ${ARCHIVE_FILE_LIMITS.depth} 层`);
  });

  it('is told apart from brackets inside strings, which any title may hold', () => {
    const text = `${HEAD}[{"title":"${'['.repeat(1000)}\\"${'{'.repeat(1000)}"}]}`;
    expect(jsonNestingDepth(text)).toBe(3);
    expect(parseArchiveJson(text)).toMatchObject({ ok: true, articles: [{ title: expect.stringMatching(/^\[+"\{+$/) }] });
  });
});

describe('an import file too large to read', () => {
  it('is refused by its size, before it is read', async () => {
    const file = {
      size: ARCHIVE_FILE_LIMITS.bytes + 1,
      text: async (): Promise<string> => {
        throw new Error('read a file over the limit');
      },
    };
    const report = await importFile(file, await backgroundSender());
    expect(report.fileError).toEqual({ problem: 'too-large', limitMb: ARCHIVE_FILE_LIMITS.bytes / MB });
    expect(reportText(report)).toContain(`文件超过 ${ARCHIVE_FILE_LIMITS.bytes / MB} MB`);
  });
});

describe('a large valid file', () => {
  it('is imported whole, with a report (10 MB)', async () => {
    const articles = Array.from({ length: 120 }, (_, i) => ({
      ...seed,
      id: `2021123022318${String(i).padStart(5, '0')}`,
      bodyText: `${seed.bodyText}\n${'证券化'.repeat(12_000)}`,
      savedAt: Date.UTC(2026, 0, 1) + i,
      updatedAt: Date.UTC(2026, 0, 1) + i,
      tags: ['ABS'],
      note: '',
    }));
    const text = toArchiveJson(articles);
    expect(new TextEncoder().encode(text).length).toBeGreaterThan(10 * MB);
    const report = await importFile({ size: text.length * 3, text: async () => text }, await backgroundSender());
    expect(report.outcome).toEqual({ taken: 120, created: 120, updated: 0, refused: [] });
  }, 60_000);
});
