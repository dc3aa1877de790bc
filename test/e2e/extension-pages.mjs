// Helpers for the extension's own pages (popup, archive, reader) in either browser.

/** Opens an extension page in a new tab and waits until the archive UI has loaded its first page. */
export async function openArchivePage(session, path = 'popup.html', viewport = { width: 420, height: 640 }) {
  const page = await session.browser.newPage();
  await page.setViewport(viewport);
  await session.openExtensionPage(page, path);
  await page.waitForFunction(() => document.querySelector('main.archive')?.getAttribute('aria-busy') === 'false', {
    polling: 100,
  });
  return page;
}

export function listedIds(page) {
  return page.$$eval('[data-article-id]', (rows) => rows.map((row) => row.getAttribute('data-article-id')));
}

/** Types `text` into an archive page's search box, as the reader types it. */
export async function typeSearch(page, text) {
  await page.$eval(
    'input[type="search"]',
    (input, value) => {
      input.value = value;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    },
    text,
  );
}

/** Types a search and waits until the list shows exactly `expected` (order included). */
export async function searchFor(page, text, expected) {
  await typeSearch(page, text);
  await waitForIds(page, expected, `search ${JSON.stringify(text)}`);
}

/** Types a search and waits until the archive page's total is `expected`. */
export async function searchShowsTotal(view, text, expected, timeout = 30_000) {
  await typeSearch(view, text);
  await view.waitForFunction(
    (total) => document.querySelector('[data-role="archive-total"]')?.getAttribute('data-total') === String(total),
    { timeout, polling: 200 },
    expected,
  );
}

/** Chooses `path` in the archive page's import (*Import/export → Import JSON*); the import then runs on its own. */
export async function chooseImportFile(view, path) {
  await view.click('.transfer summary');
  const input = await view.$('input[type="file"][data-action="import"]');
  await input.uploadFile(path);
}

export async function waitForIds(page, expected, what = 'list') {
  try {
    await page.waitForFunction(
      (ids) => {
        const shown = [...document.querySelectorAll('[data-article-id]')].map((row) => row.getAttribute('data-article-id'));
        return JSON.stringify(shown) === JSON.stringify(ids);
      },
      { timeout: 10_000, polling: 100 },
      expected,
    );
  } catch (error) {
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, showing ${JSON.stringify(await listedIds(page))}`, {
      cause: error,
    });
  }
}

/** Captures what the page offers as a download (an <a download> click) as text, instead of saving a file. */
export async function captureDownloads(page) {
  await page.evaluate(() => {
    window.__downloads = [];
    const click = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function () {
      if (this.download) {
        const name = this.download;
        window.__downloads.push(
          fetch(this.href)
            .then((response) => response.arrayBuffer())
            .then((buffer) => ({ name, bytes: [...new Uint8Array(buffer)] })),
        );
        return undefined;
      }
      return click.call(this);
    };
  });
}

export async function takeDownload(page) {
  await page.waitForFunction(() => window.__downloads?.length > 0, { timeout: 10_000, polling: 100 });
  const file = await page.evaluate(async () => window.__downloads.shift());
  return { name: file.name, bytes: Buffer.from(file.bytes) };
}

/** Sends a protocol message from an extension page, as the extension itself would. */
export function sendFromExtension(page, message) {
  return page.evaluate((m) => (globalThis.browser ?? globalThis.chrome).runtime.sendMessage(m), message);
}

/**
 * Waits until a tab shows one of the extension's own pages at `path` (with its
 * query). Asked of the extension itself, because Firefox's driver does not
 * report the address of moz-extension:// tabs.
 */
export async function waitForExtensionTab(extensionPage, path, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  let urls = [];
  while (Date.now() < deadline) {
    urls = await extensionPage.evaluate(async () => {
      const api = globalThis.browser ?? globalThis.chrome;
      return (await api.tabs.query({})).map((tab) => tab.url);
    });
    if (urls.includes(`${await extensionPage.evaluate(() => (globalThis.browser ?? globalThis.chrome).runtime.getURL('/'))}${path.slice(1)}`)) {
      return;
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`no tab opened ${path}; tabs: ${JSON.stringify(urls)}`);
}
