// The bench build's popup hooks (entrypoints/popup/bench-hooks.ts), called in
// an open popup.html tab: the extension's origin, where the archive lives.

/** @param {import('puppeteer-core').Page} tab an open popup.html of the bench build */
export function archiveHooks(tab) {
  const call = (method, ...args) =>
    tab.evaluate(
      (name, params) => {
        const hooks = globalThis.emLensBench;
        if (!hooks) throw new Error('globalThis.emLensBench is missing: is this the bench build?');
        return hooks[name](...params);
      },
      method,
      args,
    );
  return {
    /** @returns {Promise<{ created: number, updated: number, ms: number }>} */
    fill: (records) => call('fill', records),
    /** @returns {Promise<{ articles: number, ms: number, calls: Array<{ articles: number, ms: number }>, writeMs: number[] }>} */
    index: (options = {}) => call('index', options),
    /** @returns {Promise<{ ms: number, matchMs: number, matched: number, shown: number, total: number | null }>} */
    search: (text) => call('search', text),
    /** @returns {Promise<{ ms: number, matched: number }>} */
    scan: (text) => call('scan', text),
    clear: () => call('clear'),
    /** @returns {Promise<number>} */
    count: () => call('count'),
    remove: (id) => call('remove', id),
    /** @returns {Promise<number>} */
    pending: () => call('pending'),
  };
}
