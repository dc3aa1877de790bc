// The settings page's storage section: what the reader is told of the archive's room and keeping, and the check.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { ArchiveStorage, type ArchiveStorageServices } from '../../components/settings/archive-storage';
import type { IntegrityReport } from '../../lib/archive/integrity';
import { CodedError } from '../../lib/error-codes';

const MB = 1024 * 1024;
const WHOLE: IntegrityReport = {
  articles: 120, orphanBodies: 0, missingBodies: 0, facetsFixed: 0, reindexed: 0, orphanDocs: 0, badIndexRecords: 0, metaFixed: [], unreadable: 0,
};

function show(services: Partial<ArchiveStorageServices>) {
  const root = document.body.appendChild(document.createElement('div'));
  act(() =>
    render(
      <ArchiveStorage
        readStorage={async () => ({ archiveBytes: 38.2 * MB, free: 9.5 * 1024 * MB, low: false, persistence: 'persisted' })}
        checkArchive={async () => WHOLE}
        lastCheck={async () => null}
        {...services}
      />,
      root,
    ),
  );
  return root;
}

const text = (root: Element, selector: string) => root.querySelector(selector)?.textContent ?? null;

describe('the archive storage section', () => {
  it('shows the archive’s size, the room left and that the browser keeps it', async () => {
    const root = show({});
    await vi.waitFor(() => expect(text(root, '[data-role="archive-size"]')).toBe('存档大小：38.2 MB'));
    expect(text(root, '[data-role="storage-free"]')).toBe('存档可用空间：9.50 GB');
    expect(text(root, '[data-role="persistence"]')).toContain('持久存储');
    expect(root.querySelector('[data-role="storage-low"]')).toBeNull();
  });

  it('warns when the disk is nearly full and the storage is best-effort', async () => {
    const root = show({ readStorage: async () => ({ archiveBytes: 900 * MB, free: 100 * MB, low: true, persistence: 'best-effort' }) });
    await vi.waitFor(() => expect(text(root, '[data-role="storage-low"]')).toContain('256 MB'));
    expect(text(root, '[data-role="persistence"]')).toContain('浏览器可能删除存档');
  });

  it('says when the browser gives no estimate', async () => {
    const root = show({ readStorage: async () => ({ archiveBytes: null, free: null, low: false, persistence: 'unknown' }) });
    await vi.waitFor(() => expect(root.textContent).toContain('浏览器没有提供存储用量估计'));
  });

  it('checks the archive on a click and lists what it fixed', async () => {
    const check = vi.fn(async (): Promise<IntegrityReport> => ({ ...WHOLE, missingBodies: 1, facetsFixed: 3, reindexed: 2, metaFixed: ['nextDocNo'] }));
    const root = show({ checkArchive: check });
    await vi.waitFor(() => expect(root.querySelector('[data-action="check-archive"]')).not.toBeNull());
    await act(async () => (root.querySelector('[data-action="check-archive"]') as HTMLButtonElement).click());
    await vi.waitFor(() => expect(root.querySelector('[data-role="check-report"]')?.getAttribute('data-fixed')).toBe('true'));
    expect(check).toHaveBeenCalledOnce();
    const items = [...root.querySelectorAll('[data-role="check-report"] li')].map((item) => item.textContent);
    expect(items).toEqual([
      '1 篇文章的正文已丢失，已补上空正文',
      '更正了 3 个筛选计数',
      '2 篇文章重新建立了搜索索引',
      '修正了搜索索引的记录（nextDocNo）',
    ]);
    expect(text(root, '[data-role="check-report"] p')).toBe('已检查 120 篇文章，已修复：');
  });

  it('shows the last check (after an unclean stop) until a new one runs, and a whole archive as such', async () => {
    const root = show({ lastCheck: async () => ({ at: 1, reason: 'start-up', report: WHOLE }) });
    await vi.waitFor(() => expect(text(root, '[data-role="check-report"]')).toBe('已检查 120 篇文章：全部一致。'));
  });

  it('says why when the check cannot run', async () => {
    const root = show({ checkArchive: async () => Promise.reject(new CodedError('storage-full', 'QuotaExceededError')) });
    await vi.waitFor(() => expect(root.querySelector('[data-action="check-archive"]')).not.toBeNull());
    await act(async () => (root.querySelector('[data-action="check-archive"]') as HTMLButtonElement).click());
    await vi.waitFor(() => expect(root.querySelector('[role="alert"]')?.textContent).toContain('检查未能完成'));
  });
});
