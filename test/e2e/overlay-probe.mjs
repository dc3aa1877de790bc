// Reading the overlay the way a user's script would: through its open shadow root.

/** @param {import('puppeteer-core').Page} page */
export async function waitForOverlay(page, timeout = 15_000) {
  await page.waitForFunction(
    () => document.querySelector('[data-em-lens="overlay"]')?.shadowRoot?.querySelector('[data-role="summary"]'),
    { timeout, polling: 100 },
  );
}

/** @param {import('puppeteer-core').Page} page */
export function readOverlay(page) {
  return page.evaluate(() => {
    const hosts = document.querySelectorAll('[data-em-lens="overlay"]');
    const root = hosts[0]?.shadowRoot;
    if (!root) return null;
    const summary = root.querySelector('[data-role="summary"]');
    return {
      hosts: hosts.length,
      articleId: summary?.getAttribute('data-article-id') ?? null,
      text: summary?.textContent ?? '',
      badges: [...root.querySelectorAll('[data-secid]')].map((badge) => ({
        secid: badge.getAttribute('data-secid'),
        kind: badge.getAttribute('data-kind'),
        count: badge.getAttribute('data-count'),
        text: badge.textContent,
      })),
      saved: root.querySelector('[data-action="save"]')?.getAttribute('data-saved') ?? null,
    };
  });
}

/** @param {import('puppeteer-core').Page} page */
export async function waitForSaved(page, expected, timeout = 15_000) {
  try {
    await page.waitForFunction(
      (value) =>
        document.querySelector('[data-em-lens="overlay"]')?.shadowRoot?.querySelector('[data-action="save"]')?.getAttribute('data-saved') === value,
      { timeout, polling: 100 },
      expected,
    );
  } catch (error) {
    const overlay = await readOverlay(page).catch(() => null);
    throw new Error(`the overlay never showed data-saved="${expected}"; it shows: ${overlay?.text ?? 'no overlay'}`, { cause: error });
  }
}

/** @param {import('puppeteer-core').Page} page */
export async function clickInOverlay(page, selector) {
  await page.locator(`[data-em-lens="overlay"] >>> ${selector}`).click();
}

/**
 * Resolves once the content script has had its chance on the page shown:
 * it is injected at document_start and does its work in a DOMContentLoaded
 * listener, so by the load event it has run (or is not registered for this
 * page); two animation frames later anything it rendered is in the DOM.
 * @param {import('puppeteer-core').Page} page
 */
export async function afterContentScriptRan(page) {
  await page.waitForFunction(() => document.readyState === 'complete', { polling: 50, timeout: 15_000 });
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(null)))));
}

/**
 * Waits until the overlay's quotes are answered (or off): the background has
 * replied to the tab, with numbers or without, and the badges show that reply.
 * @param {import('puppeteer-core').Page} page
 * @param {'answered' | 'off'} state
 */
export async function waitForQuoteState(page, state, timeout = 15_000) {
  await page.waitForFunction(
    (expected) => document.querySelector('[data-em-lens="overlay"]')?.shadowRoot?.querySelector('[data-role="summary"]')?.getAttribute('data-quotes') === expected,
    { timeout, polling: 100 },
    state,
  );
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(null)))));
}

/**
 * Waits until the background has judged the article's securities and read
 * its key figures, and the overlay shows them.
 * @param {import('puppeteer-core').Page} page
 */
export async function waitForJudged(page, timeout = 15_000) {
  await page.waitForFunction(
    () => document.querySelector('[data-em-lens="overlay"]')?.shadowRoot?.querySelector('[data-role="summary"]')?.getAttribute('data-relevance') === 'judged',
    { timeout, polling: 100 },
  );
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(null)))));
}
