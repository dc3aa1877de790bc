/**
 * What a content script accepts, from the extension's own pages and
 * background only: the checks it carries (the types are in protocol.ts).
 */
import { checkAnnotation } from './archived-article';
import { checkId, fail, shape, type Rules, type TabMessage } from './protocol';

export const TAB_RULES: Rules<TabMessage> = {
  'tab:start-save': { from: ['extension-page'], check: () => ({ ok: true, value: {} }) },
  'tab:article-changed': {
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
};
