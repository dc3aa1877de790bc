// Saves and imports that would not fit are refused before anything is written, with words that say so.
import { render } from 'preact';
import { describe, expect, it, vi } from 'vitest';
import { archiveHandlers } from '../../entrypoints/background/archive-messages';
import { ImportReport } from '../../components/archive/import-report';
import { createArchiveEvents } from '../../lib/archive/archive-events';
import { openArchive } from '../../lib/archive/db';
import { createReceiver, type SenderContext } from '../../lib/protocol';
import { BACKGROUND_RULES } from '../../lib/protocol-background';
import { roomFor } from '../../lib/storage/storage-room';
import { toArchiveJson } from '../../lib/transfer/archive-json';
import { importFile } from '../../lib/transfer/import-file';
import { errorText } from '../../platform/i18n';
import { CodedError } from '../../lib/error-codes';
import { fakeRecord, SEED_URL, frameShowing } from './fixtures';

const MB = 1024 * 1024;
const record = fakeRecord('202112302231813952', { url: SEED_URL });
const { tabs, sender: TAB } = frameShowing(record.id);
let n = 0;

describe('a disk nearly full', () => {
  it('refuses a save that would not fit, writes nothing, and says why in the reader’s words', async () => {
    const db = await openArchive(`storage-warnings-${(n += 1)}`);
    const receive = createReceiver(
      BACKGROUND_RULES,
      archiveHandlers(async () => db, {
        readPageRecord: async () => ({ record, committedUrl: SEED_URL }),
        quotesNow: () => undefined,
        events: createArchiveEvents(),
        tabs,
        room: async (bytes) => roomFor({ usage: 990 * MB, quota: 1000 * MB }, bytes),
      }),
    );
    const reply = await receive({ type: 'bg:save-article', payload: { id: record.id } }, TAB);
    expect(reply).toMatchObject({ ok: false, code: 'storage-low' });
    expect(await db.count('articles')).toBe(0);
    expect(errorText(new CodedError('storage-low', ''))).toBe('剩余的磁盘空间不够，没有写入任何内容。请释放磁盘空间或删除一些存档文章后再试。');
  });

  it('saves as before when there is room', async () => {
    const db = await openArchive(`storage-warnings-${(n += 1)}`);
    const receive = createReceiver(
      BACKGROUND_RULES,
      archiveHandlers(async () => db, {
        readPageRecord: async () => ({ record, committedUrl: SEED_URL }),
        quotesNow: () => undefined,
        events: createArchiveEvents(),
        tabs,
        room: async (bytes) => roomFor({ usage: 10 * MB, quota: 1000 * MB }, bytes),
      }),
    );
    expect(await receive({ type: 'bg:save-article', payload: { id: record.id } }, TAB)).toMatchObject({ ok: true });
    expect(await db.count('articles')).toBe(1);
  });

  it('stops an import that would not fit before its first batch, and tells how much it needs and how much is free', async () => {
    const json = toArchiveJson([{ ...record, savedAt: 1, updatedAt: 2, tags: [], note: '' }]);
    const file = { text: async () => json, size: 300 * MB };
    const batch = vi.fn();
    const result = await importFile(file, batch, async (bytes) => roomFor({ usage: 700 * MB, quota: 1000 * MB }, bytes));
    expect(batch).not.toHaveBeenCalled();
    expect(result.fileError).toMatchObject({ problem: 'no-room', free: 300 * MB });
    const root = document.body.appendChild(document.createElement('div'));
    render(<ImportReport report={result} onDismiss={() => {}} />, root);
    expect(root.textContent).toContain('导入约需 439 MB 磁盘空间，但只剩 300 MB；未导入任何内容。');
  });
});
