// Reading the overlay: its page half the way a user's script would (through
// its open shadow root), its archive frame the way only the browser driver can.

/** @param {import('puppeteer-core').Page} page */
export async function waitForOverlay(page, timeout = 15_000) {
  await page.waitForFunction(
    () => document.querySelector('[data-em-lens="overlay"]')?.shadowRoot?.querySelector('[data-role="summary"]'),
    { timeout, polling: 100 },
  );
}

/**
 * The overlay's archive frame: the extension's own page, which the page's
 * scripts cannot read. The browser driver can: it finds the frame by its
 * document's address (Firefox's driver keeps a frame's first URL, so each
 * frame is asked) and reads and clicks inside it as a person would.
 * @param {import('puppeteer-core').Page} page
 * @returns {Promise<import('puppeteer-core').Frame>}
 */
export async function archiveFrame(page, timeout = 15_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const found = [];
    for (const frame of page.frames()) {
      if (frame === page.mainFrame() || frame.detached) continue;
      const path = await frame.evaluate(() => location.pathname).catch(() => null);
      if (path === '/overlay-frame.html') found.push(frame);
    }
    // After the overlay is replaced, the newest frame is the one shown.
    if (found.length) return found.at(-1);
    if (Date.now() > deadline) throw new Error('the overlay has no archive frame');
    await new Promise((done) => setTimeout(done, 100));
  }
}

/** What the archive frame shows: Save's state, the strip's text, the archive counts. */
export async function readArchiveFrame(page) {
  const frame = await archiveFrame(page);
  return frame.evaluate(() => ({
    saved: document.querySelector('[data-action="save"]')?.getAttribute('data-saved') ?? null,
    text: document.querySelector('[data-role="archive-strip"]')?.textContent ?? '',
    counts: Object.fromEntries([...document.querySelectorAll('[data-archive-secid]')].map((link) => [link.getAttribute('data-archive-secid'), Number(link.getAttribute('data-archive-count'))])),
  }));
}

/** @param {import('puppeteer-core').Page} page */
export async function readOverlay(page) {
  const overlay = await page.evaluate(() => {
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
    };
  });
  if (!overlay) return null;
  const archive = await readArchiveFrame(page).catch(() => null);
  // What a person sees: the page's half, then the archive strip under its head.
  return { ...overlay, saved: archive?.saved ?? null, archiveText: archive?.text ?? '' };
}

/** @param {import('puppeteer-core').Page} page */
export async function waitForSaved(page, expected, timeout = 15_000) {
  try {
    const frame = await archiveFrame(page, timeout);
    await frame.waitForFunction(
      (value) => {
        const save = document.querySelector('[data-action="save"]');
        return save?.getAttribute('data-saved') === value && !save.disabled;
      },
      { timeout, polling: 100 },
      expected,
    );
  } catch (error) {
    const archive = await readArchiveFrame(page).catch(() => null);
    throw new Error(`the overlay never showed data-saved="${expected}"; its archive strip shows: ${archive?.text ?? 'no archive frame'}`, { cause: error });
  }
}

/**
 * Clicks `selector` where the overlay has it: its page half (badges, figures,
 * corrections) or its archive frame (Save, tags and note, archive counts).
 * @param {import('puppeteer-core').Page} page
 */
export async function clickInOverlay(page, selector, timeout = 15_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    if (await page.$(`[data-em-lens="overlay"] >>> ${selector}`)) return page.locator(`[data-em-lens="overlay"] >>> ${selector}`).click();
    const frame = await archiveFrame(page, Math.max(0, deadline - Date.now())).catch(() => null);
    if (frame && (await frame.$(selector))) {
      // The last change to the overlay's layout at load is the verdicts (the head's doubtful count can
      // wrap it and move the frame down): a click measured before it can land beside the button.
      await page
        .waitForFunction(() => document.querySelector('[data-em-lens="overlay"]')?.shadowRoot?.querySelector('[data-role="summary"]')?.getAttribute('data-relevance') !== 'waiting', {
          timeout: 5_000,
          polling: 50,
        })
        .catch(() => {});
      // A frame drawn a moment ago may not take input yet (the browser routes a click by what it has
      // composited): two of its frames later it has been drawn and composited.
      // A tab in the background draws no frames: the wait is bounded, never a hang.
      await frame.evaluate(
        () =>
          new Promise((done) => {
            setTimeout(done, 250);
            requestAnimationFrame(() => requestAnimationFrame(() => done(null)));
          }),
      );
      // A click the browser routed by a composited layer the new frame was not yet in lands on the page
      // under it: nothing in the frame hears it. Only such a lost click is sent again.
      for (let attempt = 1; ; attempt += 1) {
        await frame.evaluate(() => {
          globalThis.__emLensPointerDown = false;
          addEventListener('pointerdown', () => (globalThis.__emLensPointerDown = true), { once: true, capture: true });
        });
        await frame.locator(selector).click();
        if (await frame.evaluate(() => globalThis.__emLensPointerDown)) return;
        if (attempt === 3) throw new Error(`three clicks on ${selector} never reached the archive frame`);
        await new Promise((done) => setTimeout(done, 200));
      }
    }
    if (Date.now() > deadline) throw new Error(`the overlay has no ${selector}`);
    await new Promise((done) => setTimeout(done, 100));
  }
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
