import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Handlers } from '../../lib/protocol';
import { saveSetting, settings } from '../../platform/settings';
import { dayRows, minutes, trendsReply } from './intraday-fixtures';

let handlers: Partial<Handlers> = {};
vi.mock('../../platform/messaging', () => ({
  receive: (_rules: unknown, given: Partial<Handlers>) => {
    handlers = given;
    return () => {};
  },
}));
const { setupIntraday } = await import('../../entrypoints/background/intraday-service');

const PAGE = { kind: 'content-script', tabId: 1, frameId: 0 } as const;
const day = trendsReply(dayRows('2026-06-18', minutes(30, (slot) => 6.18 + slot * 0.001)));
const ask = (secid: string, days: 1 | 5 = 1) => handlers['bg:get-intraday']!({ secid, days }, PAGE);

afterEach(() => {
  handlers = {};
  fakeBrowser.reset();
});

describe('the intraday lines for the badges’ cards', () => {
  it('asks once per security and days, shared by cards opening together, and draws what comes', async () => {
    const fetchJson = vi.fn(async (_url: string) => day);
    setupIntraday(fetchJson);
    const [first, second] = await Promise.all([ask('0.000931'), ask('0.000931')]);
    expect(first).toEqual(second);
    expect(first).toMatchObject({ status: 'ok', chart: { geometry: { points: 30 }, prevClose: 6.18 } });
    await ask('0.000931');
    expect(fetchJson).toHaveBeenCalledTimes(1);
    await ask('0.000931', 5);
    expect(fetchJson).toHaveBeenCalledTimes(2);
    expect(fetchJson.mock.calls[1]![0]).toContain('ndays=5');
  });

  it('says why there is no line: no minutes, an odd reply, no answer; and asks nothing for other markets or with quotes off', async () => {
    const replies: Record<string, () => Promise<unknown>> = {
      '0.000001': async () => trendsReply([]),
      '0.000002': async () => ({ rc: 0, data: { trends: 'not a list' } }),
      '0.000003': async () => {
        throw new DOMException('The operation timed out.', 'TimeoutError');
      },
    };
    const fetchJson = vi.fn(async (url: string) => replies[new URL(url).searchParams.get('secid')!]!());
    setupIntraday(fetchJson);
    expect(await ask('0.000001')).toEqual({ status: 'empty' });
    expect(await ask('0.000002')).toEqual({ status: 'odd' });
    expect(await ask('0.000003')).toEqual({ status: 'unavailable' });
    expect(await ask('116.00700')).toEqual({ status: 'other-hours' });
    await saveSetting('liveQuotes', false);
    expect(await ask('0.000931')).toEqual({ status: 'off' });
    expect(fetchJson).toHaveBeenCalledTimes(3);
  });
});
