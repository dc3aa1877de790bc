import { describe, expect, it, vi } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { SyncLine, type SyncSource } from '../../components/archive/sync-line';
import { OFF, type SyncStatus } from '../../lib/sync/sync-config';

function source(first: SyncStatus) {
  let listener: ((status: SyncStatus) => void) | null = null;
  const given: SyncSource = {
    status: async () => first,
    watch(callback) {
      listener = callback;
      return () => (listener = null);
    },
  };
  return { given, push: (status: SyncStatus) => listener?.(status) };
}

describe('the popup’s sync line', () => {
  it('shows nothing while sync is off', async () => {
    const root = document.body.appendChild(document.createElement('div'));
    const off = source(OFF);
    let asked = false;
    await act(async () => render(<SyncLine source={{ ...off.given, status: async () => ((asked = true), OFF) }} />, root));
    await vi.waitFor(() => expect(asked).toBe(true));
    expect(root.querySelector('[data-role="sync-status"]')).toBeNull();
    root.remove();
  });

  it('says when it last synced and what it did, then a stop in plain words as it happens', async () => {
    const ok: SyncStatus = {
      ...OFF,
      state: 'ok',
      lastSync: Date.UTC(2026, 11, 3, 9, 30),
      server: 'https://dav.example.test/dav/EMLens/',
      last: { uploaded: 2, downloaded: 3, created: 1, updated: 0, deleted: 0, devices: 2, corrections: 0 },
    };
    const { given, push } = source(ok);
    const root = document.body.appendChild(document.createElement('div'));
    await act(async () => render(<SyncLine source={given} />, root));
    const line = () => root.querySelector<HTMLElement>('[data-role="sync-status"]')!;
    await vi.waitFor(() => expect(line()).not.toBeNull());
    expect(line().dataset).toMatchObject({ state: 'ok', lastSync: '2026-12-03T09:30:00.000Z' });
    expect(line().textContent).toMatch(/2.*3.*2/);
    await act(async () => push({ ...ok, state: 'error', code: 'sync-unauthorized', detail: '401' }));
    expect(line().dataset.state).toBe('error');
    expect(line().textContent).toMatch(/password|密码/);
    root.remove();
  });
});
