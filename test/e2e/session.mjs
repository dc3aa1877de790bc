// What every end-to-end file starts with: the browsers under test, and a
// browser with the extension and one tab serving the fixture pages.
import { launchWithExtension } from './browsers.mjs';
import { serveFixtures } from './fixture-routes.mjs';

/** Both browsers, unless E2E_BROWSERS narrows a local run. */
export function browsersUnderTest() {
  return (process.env.E2E_BROWSERS ?? 'chrome,firefox').split(',').map((name) => name.trim());
}

/**
 * @param {'chrome' | 'firefox'} name
 * @param {Parameters<typeof launchWithExtension>[1] & { beforePage?: (session: Awaited<ReturnType<typeof launchWithExtension>>) => Promise<void> }} [options]
 *   beforePage: set the extension up (storage, say) before the article tab opens.
 */
export async function startArticleSession(name, { beforePage, ...options } = {}) {
  const session = await launchWithExtension(name, options);
  await beforePage?.(session);
  const page = await session.browser.newPage();
  await page.setViewport({ width: 1100, height: 760 });
  await serveFixtures(page);
  return { session, page };
}
