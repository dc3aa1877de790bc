// The settings page's backup panel: on or off (off by default with sync on), how often, how many, a backup now, and its last result.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { BackupPanel, type BackupServices, type BackupState } from '../../components/settings/backup-panel';
import { EMPTY_LOG, type BackupLog } from '../../lib/backup/backup-plan';

const AT = Date.parse('2026-12-04T09:30:00+08:00');
const WRITTEN: BackupLog = {
  backups: [{ downloadId: 4, name: 'em-lens-backup-2026-12-04.json', at: AT, bytes: 3.5 * 1024 * 1024, articles: 1200 }],
  lastError: null,
};

function show(state: Partial<BackupState>, services: Partial<BackupServices> = {}) {
  const calls: string[] = [];
  const all: BackupServices = {
    load: async () => ({ chosen: null, syncOn: false, everyDays: 7, keep: 5, log: EMPTY_LOG, ...state }),
    setOn: async (on) => void calls.push(`on ${on}`),
    setEveryDays: async (days) => void calls.push(`every ${days}`),
    setKeep: async (keep) => void calls.push(`keep ${keep}`),
    backUpNow: async () => WRITTEN,
    ...services,
  };
  const root = document.body.appendChild(document.createElement('div'));
  act(() => render(<BackupPanel services={all} />, root));
  return { root, calls };
}

const box = (root: Element) => root.querySelector<HTMLInputElement>('[data-setting="backup-on"]');

/** The element once the panel has loaded. */
function found<E extends Element>(root: Element, selector: string): Promise<E> {
  return vi.waitFor(() => {
    const element = root.querySelector<E>(selector);
    if (!element) throw new Error(`no ${selector} yet`);
    return element;
  });
}

describe('the backup panel', () => {
  it('is on and weekly, keeping 5, until the reader chooses', async () => {
    const { root } = show({});
    await vi.waitFor(() => expect(box(root)?.checked).toBe(true));
    expect(root.querySelector<HTMLSelectElement>('[data-setting="backup-every"]')!.value).toBe('7');
    expect(root.querySelector<HTMLInputElement>('[data-setting="backup-keep"]')!.value).toBe('5');
    expect(root.querySelector('[data-role="last-backup"]')!.textContent).toBe('还没有写过备份。');
    expect(root.textContent).toContain('导入 JSON');
  });

  it('is off with sync on unless the reader turned it on', async () => {
    expect((await found<HTMLInputElement>(show({ syncOn: true }).root, '[data-setting="backup-on"]')).checked).toBe(false);
    expect((await found<HTMLInputElement>(show({ syncOn: true, chosen: true }).root, '[data-setting="backup-on"]')).checked).toBe(true);
  });

  it('stores what the reader changes', async () => {
    const { root, calls } = show({});
    const on = await found<HTMLInputElement>(root, '[data-setting="backup-on"]');
    act(() => on.click());
    const every = root.querySelector<HTMLSelectElement>('[data-setting="backup-every"]')!;
    every.value = '1';
    act(() => void every.dispatchEvent(new Event('change')));
    const keep = root.querySelector<HTMLInputElement>('[data-setting="backup-keep"]')!;
    keep.value = '40';
    act(() => void keep.dispatchEvent(new Event('change')));
    expect(calls).toEqual(['on false', 'every 1', 'keep 5']);
    expect(box(root)!.checked).toBe(false);
  });

  it('backs up now and shows the file written', async () => {
    const { root } = show({});
    const button = await found<HTMLButtonElement>(root, '[data-action="back-up-now"]');
    act(() => button.click());
    await vi.waitFor(() => expect(root.querySelector('[data-role="last-backup"]')!.getAttribute('data-articles')).toBe('1200'));
    expect(root.querySelector('[data-role="last-backup"]')!.textContent).toBe(
      '上次备份：2026-12-04 09:30:00，em-lens-backup-2026-12-04.json，1200 篇文章，3.50 MB',
    );
  });

  it('says why a backup failed, now and when it ran by itself', async () => {
    const failed: BackupLog = { backups: [], lastError: { at: AT, message: 'the download was interrupted (FILE_NO_SPACE)' } };
    const { root } = show({}, { backUpNow: async () => Promise.reject(new Error('FILE_NO_SPACE')), load: async () => ({ chosen: null, syncOn: false, everyDays: 7, keep: 5, log: failed }) });
    await vi.waitFor(() => expect(root.querySelector('[data-role="backup-error"]')!.textContent).toContain('FILE_NO_SPACE'));
    act(() => root.querySelector<HTMLButtonElement>('[data-action="back-up-now"]')!.click());
    await vi.waitFor(() => expect(root.querySelector('[data-role="backup-now-failed"]')!.textContent).toContain('备份失败'));
  });
});
