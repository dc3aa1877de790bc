/**
 * What an archive frame accepts, from the background only: the checks it
 * carries (the types are in protocol.ts).
 */
import { checkAnnotation } from './archived-article';
import { isErrorCode } from './error-codes';
import { checkId, fail, shape, type FrameMessage, type Rules } from './protocol';

const checkTabId = (value: unknown) => Number.isInteger(value) && (value as number) >= 0;

export const FRAME_RULES: Rules<FrameMessage> = {
  'frame:article-changed': {
    from: ['extension-page'],
    check(payload) {
      const id = checkId(payload);
      if (!id.ok) return id;
      const status = shape(shape(payload).status);
      const annotation = checkAnnotation(status);
      if (!annotation.ok || typeof status.saved !== 'boolean') return fail('status is malformed');
      const savedAt = typeof status.savedAt === 'number' ? status.savedAt : null;
      return { ok: true, value: { id: id.value.id, status: { saved: status.saved, savedAt, ...annotation.value } } };
    },
  },
  'frame:refresh': {
    from: ['extension-page'],
    check(payload) {
      const { tabId } = shape(payload);
      return checkTabId(tabId) ? { ok: true, value: { tabId: tabId as number } } : fail('tabId must be a tab number');
    },
  },
  'frame:tab-save': {
    from: ['extension-page'],
    check(payload) {
      const { tabId, phase, code } = shape(payload);
      if (!checkTabId(tabId)) return fail('tabId must be a tab number');
      if (phase === 'saving') return { ok: true, value: { tabId: tabId as number, phase } };
      if (phase === 'failed' && typeof code === 'string' && isErrorCode(code)) return { ok: true, value: { tabId: tabId as number, phase, code } };
      return fail('phase must be saving, or failed with an error code');
    },
  },
};
