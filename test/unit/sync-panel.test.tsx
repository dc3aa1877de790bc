import { describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { SyncPanel, type SyncServices } from '../../components/settings/sync-panel';
import { OFF, type SyncStatus } from '../../lib/sync/sync-config';

function services(overrides: Partial<SyncServices> = {}): SyncServices {
  const ok: SyncStatus = {
    ...OFF,
    state: 'ok',
    lastSync: Date.UTC(2026, 11, 3, 9, 30),
    server: 'https://dav.example.test/dav/EMLens/',
    user: 'reader',
    last: { uploaded: 1, downloaded: 2, created: 2, updated: 0, deleted: 0, devices: 2, corrections: 0 },
  };
  return {
    status: vi.fn(async () => OFF),
    connect: vi.fn(async () => ok),
    confirm: vi.fn(async () => ok),
    syncNow: vi.fn(async () => ok),
    disconnect: vi.fn(async () => OFF),
    requestOrigin: vi.fn(async () => true),
    watch: () => () => {},
    ...overrides,
  };
}

const type = (input: HTMLInputElement, value: string) => {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
};

describe('the sync panel', () => {
  it('asks for the server’s origin, connects, and shows the status the page contract names', async () => {
    const given = services();
    const root = document.body.appendChild(document.createElement('div'));
    await act(() => render(<SyncPanel services={given} />, root));
    const status = () => root.querySelector<HTMLElement>('[data-role="sync-status"]')!;
    expect(status().dataset.state).toBe('off');
    await act(() => {
      type(root.querySelector('[name="sync-url"]')!, 'https://dav.example.test/dav/');
      type(root.querySelector('[name="sync-user"]')!, 'reader');
      type(root.querySelector('[name="sync-password"]')!, 'app-password');
    });
    await act(async () => {
      expect(root.querySelector('[data-action="sync-connect"]')?.getAttribute('type')).toBe('submit');
      root.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    await vi.waitFor(() => expect(status().dataset.state).toBe('ok'));
    expect(given.requestOrigin).toHaveBeenCalledWith('https://dav.example.test/*');
    expect(given.connect).toHaveBeenCalledWith({ url: 'https://dav.example.test/dav/', user: 'reader', password: 'app-password', folder: 'EMLens', passphrase: '' });
    expect(status().dataset.lastSync).toBe('2026-12-03T09:30:00.000Z');
    expect(root.querySelector('[data-action="sync-now"]')).not.toBeNull();
    expect(root.querySelector('[data-action="sync-confirm"]')).toBeNull();
    root.remove();
  });

  it('does not connect when the origin is refused, and says why', async () => {
    const given = services({ requestOrigin: vi.fn(async () => false) });
    const root = document.body.appendChild(document.createElement('div'));
    await act(() => render(<SyncPanel services={given} />, root));
    await act(() => type(root.querySelector('[name="sync-url"]')!, 'https://dav.example.test/dav/'));
    await act(async () => {
      root.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    await vi.waitFor(() => expect(root.querySelector<HTMLElement>('[data-role="sync-status"]')!.dataset.state).toBe('error'));
    expect(given.connect).not.toHaveBeenCalled();
    root.remove();
  });

  it('shows the first connection’s preview and merges only on sync-confirm', async () => {
    const preview: SyncStatus = { ...OFF, state: 'preview', server: 'https://dav.example.test/dav/EMLens/', user: 'reader', preview: { remote: 120, local: 30, shared: 12 } };
    const given = services({ connect: vi.fn(async () => preview) });
    const root = document.body.appendChild(document.createElement('div'));
    await act(() => render(<SyncPanel services={given} />, root));
    await act(() => {
      type(root.querySelector('[name="sync-url"]')!, 'https://dav.example.test/dav/');
      type(root.querySelector('[name="sync-passphrase"]')!, '口令');
    });
    await act(async () => {
      root.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    const status = () => root.querySelector<HTMLElement>('[data-role="sync-status"]')!;
    await vi.waitFor(() => expect(status().dataset.state).toBe('preview'));
    expect(given.connect).toHaveBeenCalledWith(expect.objectContaining({ passphrase: '口令' }));
    expect(status().textContent).toMatch(/120.*30.*12/);
    expect(given.confirm).not.toHaveBeenCalled();
    // Until then there is nothing to sync now: the merge is the reader's to accept first.
    expect(root.querySelector('[data-action="sync-now"]')).toBeNull();
    await act(async () => root.querySelector<HTMLButtonElement>('[data-action="sync-confirm"]')!.click());
    await vi.waitFor(() => expect(status().dataset.state).toBe('ok'));
    expect(given.confirm).toHaveBeenCalledTimes(1);
    root.remove();
  });
});
