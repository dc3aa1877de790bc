import { describe, expect, it } from 'vitest';
import { FRAME_HEIGHT_MESSAGE, FRAME_NUDGE_MESSAGE, frameHeightMessage, frameHeightOf, isFrameNudge } from '../../lib/frame-post';
import { createTabArticles } from '../../lib/tab-articles';

describe('what the overlay and its archive frame post each other', () => {
  it('takes a height only as the frame sends it, within what a frame needs', () => {
    expect(frameHeightOf(frameHeightMessage(56.2))).toBe(57);
    for (const odd of [null, 'x', {}, { type: FRAME_HEIGHT_MESSAGE }, { type: FRAME_HEIGHT_MESSAGE, height: '56' }, { type: FRAME_HEIGHT_MESSAGE, height: Number.NaN }, { type: FRAME_HEIGHT_MESSAGE, height: -1 }, { type: FRAME_HEIGHT_MESSAGE, height: 1e9 }, { type: 'other', height: 56 }]) {
      expect(frameHeightOf(odd)).toBeNull();
    }
  });

  it('nudges with a message that carries nothing but its type', () => {
    expect(isFrameNudge({ type: FRAME_NUDGE_MESSAGE })).toBe(true);
    expect(isFrameNudge({ type: FRAME_HEIGHT_MESSAGE })).toBe(false);
    expect(isFrameNudge(FRAME_NUDGE_MESSAGE)).toBe(false);
  });
});

describe('a save away from the frame', () => {
  it('is the tab’s until its article changes', () => {
    const tabs = createTabArticles();
    tabs.show(1, { id: '202601010000000001', securities: [], frameId: 0, address: null });
    tabs.setSave(1, { phase: 'failed', code: 'storage-low' });
    tabs.show(1, { id: '202601010000000001', securities: [], frameId: 0, address: null });
    expect(tabs.saveOf(1)).toEqual({ phase: 'failed', code: 'storage-low' });
    tabs.show(1, { id: '202601010000000002', securities: [], frameId: 0, address: null });
    expect(tabs.saveOf(1)).toBeNull();
  });
});
