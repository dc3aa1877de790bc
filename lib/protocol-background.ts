/**
 * What the background accepts: each message's senders and payload check
 * (the types are in protocol.ts).
 */
import { checkAnnotation, checkArchivedArticle } from './archived-article';
import { checkId, fail, shape, type BackgroundMessage, type Rules } from './protocol';
import { parseSecid } from './securities';

const IMPORT_BATCH_LIMIT = 1000;

function checkSecids(value: unknown): string[] | null {
  if (!Array.isArray(value) || value.length > 500) return null;
  const secids = value.map((secid) => (typeof secid === 'string' ? parseSecid(secid)?.secid : undefined));
  return secids.every((secid): secid is string => secid !== undefined) ? secids : null;
}

export const BACKGROUND_RULES: Rules<BackgroundMessage> = {
  'bg:save-article': { from: ['content-script'], check: checkId },
  'bg:article-status': { from: ['content-script', 'extension-page'], check: checkId },
  'bg:annotate-article': {
    from: ['content-script', 'extension-page'],
    check(payload) {
      const id = checkId(payload);
      if (!id.ok) return id;
      const annotation = checkAnnotation(payload);
      return annotation.ok ? { ok: true, value: { id: id.value.id, ...annotation.value } } : annotation;
    },
  },
  'bg:delete-article': { from: ['extension-page'], check: checkId },
  'bg:restore-article': {
    from: ['extension-page'],
    check(payload) {
      const article = checkArchivedArticle(shape(payload).article);
      return article.ok ? { ok: true, value: { article: article.value } } : article;
    },
  },
  'bg:import-articles': {
    from: ['extension-page'],
    check(payload) {
      const { articles } = shape(payload);
      if (!Array.isArray(articles)) return fail('articles must be a list');
      if (articles.length > IMPORT_BATCH_LIMIT) return fail(`at most ${IMPORT_BATCH_LIMIT} articles a batch`);
      // Each article is checked by the handler, which reports every refusal.
      return { ok: true, value: { articles } };
    },
  },
  'bg:check-archive': {
    from: ['extension-page'],
    check: (payload) => (typeof payload === 'object' && payload !== null && Object.keys(payload).length === 0 ? { ok: true, value: {} } : fail('takes no payload')),
  },
  'bg:get-quotes': {
    from: ['content-script', 'extension-page'],
    check(payload) {
      const secids = checkSecids(shape(payload).secids);
      return secids ? { ok: true, value: { secids } } : fail('secids must be a list of market.code');
    },
  },
  'bg:count-mentions': {
    from: ['content-script', 'extension-page'],
    check(payload) {
      const secids = checkSecids(shape(payload).secids);
      return secids ? { ok: true, value: { secids } } : fail('secids must be a list of market.code');
    },
  },
  'bg:open-archive': {
    from: ['content-script', 'extension-page'],
    check(payload) {
      const { secid } = shape(payload);
      if (secid === null) return { ok: true, value: { secid: null } };
      const parsed = typeof secid === 'string' ? parseSecid(secid) : null;
      return parsed ? { ok: true, value: { secid: parsed.secid } } : fail('secid must be market.code or null');
    },
  },
  'bg:show-overlay-in-tab': {
    from: ['extension-page'],
    check(payload) {
      const { tabId } = shape(payload);
      return Number.isInteger(tabId) && (tabId as number) >= 0 ? { ok: true, value: { tabId: tabId as number } } : fail('tabId must be a tab number');
    },
  },
};
