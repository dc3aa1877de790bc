import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { ArchiveStrip } from '../../components/overlay/archive-strip';
import { UNSAVED, type ArticleStatus } from '../../lib/article-model';
import type { ShownSecurity } from '../../lib/protocol';

const securities: ShownSecurity[] = [
  { secid: '0.000931', name: '中关村', doubtful: true },
  { secid: '1.601099', name: '太平洋', doubtful: false },
  { secid: '90.BK0473', name: '证券', doubtful: false },
];
const saved: ArticleStatus = { saved: true, savedAt: 1, tags: ['ABS'], note: '关注' };

function show(overrides: Partial<Parameters<typeof ArchiveStrip>[0]> = {}) {
  const host = document.createElement('div');
  document.body.append(host); // forms submit only when connected
  const props = {
    saveState: 'unsaved' as const,
    status: UNSAVED,
    securities,
    counts: {},
    error: null,
    previous: null,
    justReplaced: false,
    onRestorePrevious: vi.fn(),
    onSave: vi.fn(),
    onAnnotate: vi.fn(async () => {}),
    onOpenArchive: vi.fn(),
    onEditing: vi.fn(),
    ...overrides,
  };
  act(() => render(<ArchiveStrip {...props} />, host));
  return { host, props };
}

describe('the archive strip in the overlay’s frame', () => {
  it('marks Save saved only when the article is in the archive, and saves on a click', () => {
    const unsaved = show();
    expect(unsaved.host.querySelector('[data-action="save"]')!.getAttribute('data-saved')).toBe('false');
    expect(unsaved.host.querySelector('[data-action="annotate"]')).toBeNull();
    (unsaved.host.querySelector('[data-action="save"]') as HTMLButtonElement).click();
    expect(unsaved.props.onSave).toHaveBeenCalledOnce();
    const done = show({ saveState: 'saved', status: saved }).host;
    expect(done.querySelector('[data-action="save"]')!.getAttribute('data-saved')).toBe('true');
    expect(done.querySelector('[data-role="overlay-annotations"]')!.textContent).toBe('已在存档中#ABS关注');
  });

  it('keeps the same two lines whatever the reader keeps, so its size says nothing of it', () => {
    const lines = (host: HTMLElement) => host.querySelectorAll('.strip-line').length;
    expect(lines(show().host)).toBe(2);
    expect(lines(show({ saveState: 'saved', status: saved, counts: { '1.601099': 3 } }).host)).toBe(2);
    expect(lines(show({ error: '保存失败：磁盘已满' }).host)).toBe(2);
    // An article with no securities has no counts line: that the page knows itself.
    expect(lines(show({ securities: [] }).host)).toBe(1);
  });

  it('counts saved articles per security, flags the doubtful ones, and opens the archive on a click', () => {
    const { host, props } = show({ counts: { '0.000931': 4, '1.601099': 2, '90.BK0473': 0 } });
    const links = [...host.querySelectorAll('[data-action="open-archive"]')];
    expect(links.map((link) => [link.getAttribute('data-archive-secid'), link.getAttribute('data-archive-count'), link.getAttribute('data-doubtful')])).toEqual([
      ['0.000931', '4', 'true'],
      ['1.601099', '2', 'false'],
    ]);
    (links[1] as HTMLButtonElement).click();
    expect(props.onOpenArchive).toHaveBeenCalledWith(securities[1]);
    expect(show().host.querySelector('[data-role="archive-counts"]')!.textContent).toBe('存档中还没有提及这些证券的文章');
  });

  it('edits tags and a note once saved, and closes the editor with Escape', async () => {
    const { host, props } = show({ saveState: 'saved', status: saved });
    act(() => (host.querySelector('[data-action="annotate"]') as HTMLButtonElement).click());
    expect(props.onEditing).toHaveBeenLastCalledWith(true);
    const tags = host.querySelector('input[name="tags"]') as HTMLInputElement;
    tags.value = 'ABS，季度复盘, ABS';
    await act(async () => (host.querySelector('[data-action="save-annotation"]') as HTMLButtonElement).click());
    // With what the editor opened on, so the archive can tell when another hand wrote meanwhile.
    expect(props.onAnnotate).toHaveBeenCalledWith({ tags: ['ABS', '季度复盘'], note: '关注', was: { tags: ['ABS'], note: '关注' } });
    expect(host.querySelector('input[name="tags"]')).toBeNull();
    act(() => (host.querySelector('[data-action="annotate"]') as HTMLButtonElement).click());
    act(() => {
      host.querySelector('input[name="tags"]')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    });
    expect(host.querySelector('input[name="tags"]')).toBeNull();
    expect(props.onEditing).toHaveBeenLastCalledWith(false);
  });

  it('tells the reader when a save replaced the archive’s title or text, and offers the earlier version back', () => {
    const previous = { title: '原来的标题', replacedAt: Date.UTC(2026, 0, 2, 4, 5) };
    const { host, props } = show({ saveState: 'saved', status: saved, previous, justReplaced: true });
    const notice = host.querySelector('[data-role="replaced-notice"]')!;
    expect(notice.textContent).toContain('旧版已保留');
    expect(notice.getAttribute('title')).toContain('原来的标题');
    const restore = host.querySelector('[data-action="restore-previous"]') as HTMLButtonElement;
    expect(restore.getAttribute('title')).toContain('2026-01-02 12:05');
    restore.click();
    expect(props.onRestorePrevious).toHaveBeenCalledOnce();
    // Later, the notice is gone, the way back stays; an article with no earlier version has none.
    expect(show({ saveState: 'saved', status: saved, previous }).host.querySelector('[data-role="replaced-notice"]')).toBeNull();
    expect(show({ saveState: 'saved', status: saved }).host.querySelector('[data-action="restore-previous"]')).toBeNull();
  });

  it('shows a failed save in its first line', () => {
    const { host } = show({ error: '保存失败：磁盘已满' });
    expect(host.querySelector('.strip-line [role="alert"]')!.textContent).toBe('保存失败：磁盘已满');
  });
});
