/**
 * What the background accepts: each message's senders and payload check
 * (the types are in protocol.ts).
 */
import { checkAnnotation, checkArchivedArticle } from './archived-article';
import { checkId, fail, shape, type BackgroundMessage, type Rules, type ShownSecurity } from './protocol';
import { parseSecid } from './securities';
import { checkSyncConnection } from './sync/sync-config';
import { checkCorrection, checkCorrections, MAX_CORRECTIONS } from './relevance/corrections';
import { MARKS_KEPT } from './relevance/types';
import { LIMITS } from './article-record';

const IMPORT_BATCH_LIMIT = 1000;

function checkTab(payload: unknown) {
  const { tabId } = shape(payload);
  return Number.isInteger(tabId) && (tabId as number) >= 0 ? ({ ok: true, value: { tabId: tabId as number } } as const) : fail('tabId must be a tab number');
}

const checkEmpty = (payload: unknown) =>
  typeof payload === 'object' && payload !== null && Object.keys(payload).length === 0 ? ({ ok: true, value: {} } as const) : fail('takes no payload');

function checkSecids(value: unknown): string[] | null {
  if (!Array.isArray(value) || value.length > 500) return null;
  const secids = value.map((secid) => (typeof secid === 'string' ? parseSecid(secid)?.secid : undefined));
  return secids.every((secid): secid is string => secid !== undefined) ? secids : null;
}

export const BACKGROUND_RULES: Rules<BackgroundMessage> = {
  // Only from the archive frame, where the page cannot click: the background
  // itself saves for the shortcut, the menu and auto-save.
  'bg:save-article': { from: ['overlay-frame'], check: checkId },
  'bg:restore-previous': { from: ['overlay-frame', 'extension-page'], check: checkId },
  'bg:annotate-article': {
    from: ['overlay-frame', 'extension-page'],
    check(payload) {
      const id = checkId(payload);
      if (!id.ok) return id;
      const annotation = checkAnnotation(payload);
      if (!annotation.ok) return annotation;
      const { was } = shape(payload);
      if (was === undefined) return { ok: true, value: { id: id.value.id, ...annotation.value } };
      const opened = checkAnnotation(was);
      return opened.ok ? { ok: true, value: { id: id.value.id, ...annotation.value, was: opened.value } } : fail(`was: ${opened.error}`);
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
  'bg:check-archive': { from: ['extension-page'], check: checkEmpty },
  'bg:backup-now': { from: ['extension-page'], check: checkEmpty },
  'bg:get-quotes': {
    from: ['content-script', 'extension-page'],
    check(payload) {
      const secids = checkSecids(shape(payload).secids);
      return secids ? { ok: true, value: { secids } } : fail('secids must be a list of market.code');
    },
  },
  'bg:get-intraday': {
    from: ['content-script', 'extension-page'],
    check(payload) {
      const { secid, days } = shape(payload);
      const security = typeof secid === 'string' ? parseSecid(secid) : null;
      if (!security) return fail('secid must be market.code');
      return days === 1 || days === 5 ? { ok: true, value: { secid: security.secid, days } } : fail('days must be 1 or 5');
    },
  },
  'bg:open-archive': {
    from: ['overlay-frame', 'extension-page'],
    check(payload) {
      const { secid } = shape(payload);
      if (secid === null) return { ok: true, value: { secid: null } };
      const parsed = typeof secid === 'string' ? parseSecid(secid) : null;
      const doubtful = shape(payload).doubtful === true;
      return parsed ? { ok: true, value: { secid: parsed.secid, doubtful } } : fail('secid must be market.code or null');
    },
  },
  'bg:sync-connect': { from: ['extension-page'], check: checkSyncConnection },
  'bg:sync-confirm': { from: ['extension-page'], check: checkEmpty },
  'bg:sync-now': {
    from: ['extension-page'],
    check(payload) {
      const { allowMassDelete } = shape(payload);
      return typeof allowMassDelete === 'boolean' ? { ok: true, value: { allowMassDelete } } : fail('allowMassDelete must be true or false');
    },
  },
  'bg:sync-status': { from: ['extension-page'], check: () => ({ ok: true, value: {} }) },
  'bg:sync-disconnect': { from: ['extension-page'], check: () => ({ ok: true, value: {} }) },
  'bg:judge-page': {
    from: ['content-script'],
    check(payload) {
      const { id, securities, marks, title, summary, text } = shape(payload);
      const idCheck = checkId({ id });
      if (!idCheck.ok) return idCheck;
      const line = (value: unknown, max: number) => typeof value === 'string' && value.length <= max;
      if (!line(title, LIMITS.title) || !line(summary, LIMITS.summary) || !line(text, LIMITS.body)) {
        return fail('title, summary and text must be strings within a record’s limits');
      }
      if (!Array.isArray(securities) || securities.length > LIMITS.mentions) return fail('securities must be a list');
      const checkedSecurities = securities.map((item) => {
        const { secid, name, count } = shape(item);
        const security = typeof secid === 'string' ? parseSecid(secid) : null;
        return security && line(name, LIMITS.name) && Number.isInteger(count) && (count as number) > 0
          ? { secid: security.secid, name: name as string, count: count as number }
          : null;
      });
      if (checkedSecurities.some((item) => item === null)) return fail('each security must have a secid, a name and a count');
      if (!Array.isArray(marks) || marks.length > LIMITS.mentions * MARKS_KEPT) return fail('marks must be a list');
      const checkedMarks = marks.map((item) => {
        const { secid, before, text: marked, after } = shape(item);
        return typeof secid === 'string' && parseSecid(secid) && line(before, 200) && line(marked, 200) && line(after, 200)
          ? { secid, before: before as string, text: marked as string, after: after as string }
          : null;
      });
      if (checkedMarks.some((item) => item === null)) return fail('each mark must have a secid and three short strings');
      return {
        ok: true,
        value: {
          id: idCheck.value.id,
          securities: checkedSecurities as Array<{ secid: string; name: string; count: number }>,
          marks: checkedMarks as Array<{ secid: string; before: string; text: string; after: string }>,
          title: title as string,
          summary: summary as string,
          text: text as string,
        },
      };
    },
  },
  'bg:correct-mention': {
    from: ['content-script', 'extension-page'],
    check(payload) {
      const change = shape(shape(payload).change);
      const subject = checkCorrection({ ...shape(change.set ?? change.clear), verdict: shape(change.set).verdict ?? 'likely', at: 0 });
      if (!subject) return fail('change must set or clear a correction of a secid, name and article id (or null)');
      const { secid, name, articleId, verdict } = subject;
      return change.set !== undefined
        ? { ok: true, value: { change: { set: { secid, name, articleId, verdict } } } }
        : { ok: true, value: { change: { clear: { secid, name, articleId } } } };
    },
  },
  'bg:import-corrections': {
    from: ['extension-page'],
    check(payload) {
      const { corrections } = shape(payload);
      if (typeof corrections !== 'object' || corrections === null) return fail('corrections must be a list');
      if (Object.keys(corrections).length > MAX_CORRECTIONS) return fail(`at most ${MAX_CORRECTIONS} corrections`);
      return { ok: true, value: { corrections: checkCorrections(corrections) } };
    },
  },
  'bg:rejudge-archive': { from: ['extension-page'], check: () => ({ ok: true, value: {} }) },
  'bg:show-article': {
    from: ['content-script'],
    check(payload) {
      const { committedUrl, securities } = shape(payload);
      const id = checkId(payload);
      if (!id.ok) return id;
      if (committedUrl !== null && (typeof committedUrl !== 'string' || committedUrl.length > 2048)) return fail('committedUrl must be an address or null');
      if (!Array.isArray(securities) || securities.length > LIMITS.mentions) return fail('securities must be a list');
      const checked = securities.map((item) => {
        const { secid, name, doubtful } = shape(item);
        const security = typeof secid === 'string' ? parseSecid(secid) : null;
        return security && typeof name === 'string' && name.length <= LIMITS.name && typeof doubtful === 'boolean'
          ? { secid: security.secid, name, doubtful }
          : null;
      });
      if (checked.some((item) => item === null)) return fail('each security must have a secid, a name and whether it is doubtful');
      return { ok: true, value: { id: id.value.id, committedUrl, securities: checked as ShownSecurity[] } };
    },
  },
  'bg:frame-article': { from: ['overlay-frame'], check: checkEmpty },
  'bg:save-tab': { from: ['extension-page'], check: checkTab },
  'bg:show-overlay-in-tab': { from: ['extension-page'], check: checkTab },
};
