// Chromium for the bench: the e2e harness's flags (test/e2e/browsers.mjs), but
// with the bench build, a profile the bench can weigh on disk (bench/profiles/,
// git-ignored), and optionally no extension at all for the page-load baseline.
import puppeteer from 'puppeteer-core';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BROWSERS, CHROMIUM_ARGS } from '../../test/e2e/browsers.mjs';

export const CHROMIUM = BROWSERS.chrome.executable;
const PROFILES = resolve('bench/profiles');

const ARGS = [
  ...CHROMIUM_ARGS,
  '--lang=zh-CN',
  // Background tabs must not be throttled: the bench keeps a control tab open beside the measured one.
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
];

/**
 * @param {{ name: string, extensionDir?: string | null }} options
 */
export async function launchChromium({ name, extensionDir = null }) {
  if (extensionDir && !existsSync(join(extensionDir, 'manifest.json'))) throw new Error(`${extensionDir} has no manifest.json`);
  const profile = join(PROFILES, `${name}-${process.pid}`);
  rmSync(profile, { recursive: true, force: true });
  mkdirSync(profile, { recursive: true });
  const browser = await puppeteer.launch({
    browser: 'chrome',
    executablePath: CHROMIUM,
    headless: true,
    pipe: true,
    enableExtensions: Boolean(extensionDir),
    userDataDir: profile,
    args: ARGS,
    // Filling 1,000 records is one large evaluate call.
    protocolTimeout: 600_000,
  });
  let extensionId = null;
  try {
    if (extensionDir) {
      extensionId = await browser.installExtension(extensionDir);
      const worker = await browser.waitForTarget(
        (target) => target.type() === 'service_worker' && target.url().startsWith(`chrome-extension://${extensionId}`),
        { timeout: 15_000 },
      );
      await worker.worker();
    }
  } catch (error) {
    // An extension Chromium refuses must not leave a browser running (and the bench hanging on it).
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
  return {
    browser,
    profile,
    extensionId,
    extensionBase: extensionId && `chrome-extension://${extensionId}`,
    async close({ keepProfile = false } = {}) {
      await browser.close();
      if (!keepProfile) rmSync(profile, { recursive: true, force: true });
    },
  };
}
