import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ARCHIVE_FILE_LIMITS, toArchiveJson } from '../../lib/transfer/archive-json';
import { importFile, IMPORT_BATCH } from '../../lib/transfer/import-file';
import type { ImportOutcome } from '../../lib/archive/import-articles';
import type { ArchivedArticle } from '../../lib/article-model';
import { fakeRecord } from './fixtures';

const AT = new Date('2026-12-07T12:00:00Z');

function articles(count: number): ArchivedArticle[] {
  return Array.from({ length: count }, (_, i) => ({
    ...fakeRecord(`2026120712345${String(i).padStart(5, '0')}`, { title: `第${i}篇 "引号" \\ 反斜杠 {括号} [方括号]`, bodyText: `正文${i}，逗号, 冒号: ` }),
    savedAt: 1_765_000_000_000 + i,
    updatedAt: 1_765_000_000_000 + i,
    tags: i % 2 ? ['银行'] : [],
    note: i % 3 ? '' : `笔记 ${i} "带引号"`,
  }));
}

/**
 * A file as the archive page hands it over: `text` cut into chunks of
 * `sizes` bytes (the last size repeats), and a size that says it is too large
 * to read as one string, so the import reads its stream.
 */
function largeFile(text: string, sizes: number[]) {
  const bytes = new TextEncoder().encode(text);
  return {
    size: ARCHIVE_FILE_LIMITS.bytes + 1,
    text: () => Promise.reject(new Error('a file this large is not read as one string')),
    stream: () =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          let at = 0;
          for (let i = 0; at < bytes.length; i += 1) {
            const size = Math.max(1, sizes[Math.min(i, sizes.length - 1)]!);
            controller.enqueue(bytes.slice(at, at + size));
            at += size;
          }
          controller.close();
        },
      }),
  };
}

function collector() {
  const batches: unknown[][] = [];
  const importBatch = async (batch: unknown[]): Promise<ImportOutcome> => {
    batches.push(batch);
    return { taken: batch.length, created: batch.length, updated: 0, refused: [] };
  };
  return { batches, importBatch };
}

describe('an export too large to read as one string', () => {
  it('is read as a stream: every article, in order, in the batches of a file read whole, and its corrections', async () => {
    const all = articles(450);
    const correction = { secid: '0.000931', name: '中关村', articleId: null, verdict: 'doubtful' as const, at: 1 };
    const text = toArchiveJson(all, AT, [correction]);
    const { batches, importBatch } = collector();
    const corrections: unknown[] = [];
    const result = await importFile(largeFile(text, [4096]), importBatch, undefined, async (taken) => {
      corrections.push(taken);
      return { taken: Object.keys(taken).length };
    });
    expect(result.fileError).toBeUndefined();
    expect(result.outcome?.taken).toBe(450);
    expect(batches.map((batch) => batch.length)).toEqual([IMPORT_BATCH, IMPORT_BATCH, 50]);
    expect(batches.flat()).toEqual(JSON.parse(text).articles);
    expect(result.fileError === undefined && result.corrections).toBe(1);
  });

  it('gives the same articles wherever the chunks are cut, through strings, escapes and multi-byte characters', async () => {
    const all = articles(7);
    const text = toArchiveJson(all, AT);
    const expected = JSON.parse(text).articles;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 97 }), { minLength: 1, maxLength: 40 }), async (sizes) => {
        const { batches, importBatch } = collector();
        const result = await importFile(largeFile(text, sizes), importBatch);
        expect(result.fileError).toBeUndefined();
        expect(batches.flat()).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });

  it('writes nothing from a file that is not an export, and says why as a file read whole would', async () => {
    const cases: Array<[string, string]> = [
      ['{"format":"something-else","version":1,"articles":[{"id":"x"}]}', 'not-archive'],
      ['{"format":"em-lens-archive","version":9,"articles":[{"id":"x"}]}', 'version'],
      ['{"format":"em-lens-archive","version":1,"articles":{"id":"x"}}', 'no-list'],
      ['{"format":"em-lens-archive","version":1,"articles":["x"]}', 'no-list'],
      ['{"format":"em-lens-archive","version":1,"articles":[{"id":"x"}', 'not-json'],
      ['[1,2,3]', 'not-archive'],
      [`{"format":"em-lens-archive","version":1,"articles":[${'['.repeat(40)}${']'.repeat(40)}]}`, 'too-deep'],
    ];
    for (const [text, problem] of cases) {
      const { batches, importBatch } = collector();
      const result = await importFile(largeFile(text, [5]), importBatch);
      expect(result.fileError?.problem, text.slice(0, 60)).toBe(problem);
      expect(batches, text.slice(0, 60)).toEqual([]);
    }
  });

  it('refuses bytes that are no UTF-8', async () => {
    const bytes = new TextEncoder().encode(toArchiveJson(articles(2), AT));
    bytes[80] = 0xff;
    const file = {
      size: ARCHIVE_FILE_LIMITS.bytes + 1,
      text: () => Promise.reject(new Error('not read whole')),
      stream: () => new ReadableStream<Uint8Array>({ start: (controller) => (controller.enqueue(bytes), controller.close()) }),
    };
    const { batches, importBatch } = collector();
    expect((await importFile(file, importBatch)).fileError?.problem).toBe('not-json');
    expect(batches).toEqual([]);
  });
});
