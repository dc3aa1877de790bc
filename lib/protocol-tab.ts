/**
 * What a content script accepts, from the extension's own pages and
 * background only: the checks it carries (the types are in protocol.ts).
 */
import { fail, type Rules, type TabMessage } from './protocol';

export const TAB_RULES: Rules<TabMessage> = {
  'tab:archive-changed': {
    from: ['extension-page'],
    check: (payload) =>
      typeof payload === 'object' && payload !== null && Object.keys(payload).length === 0 ? { ok: true, value: {} } : fail('takes no payload'),
  },
};
