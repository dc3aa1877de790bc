// Chromium for the bench: the e2e harness's flags (test/e2e/browsers.mjs), but
// with the bench build, a profile the bench can weigh on disk (bench/profiles/,
// git-ignored), and optionally no extension at all for the page-load baseline.
import puppeteer from 'puppeteer-core';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BROWSERS, CHROMIUM_ARGS, firefoxPrefs } from '../../test/e2e/browsers.mjs';

export const CHROMIUM = BROWSERS.chrome.executable;
export const FIREFOX = BROWSERS.firefox.executable;
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
 * @param {{ name: string, extensionDir?: string | null, protocolTimeout?: number }} options
 */
export async function launchChromium({ name, extensionDir = null, protocolTimeout = 600_000 }) {
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
    // Filling 1,000 records is one large evaluate call; a first sync of 50,000 articles is one message.
    protocolTimeout,
  });
  let extensionId = null;
  try {
    if (extensionDir) {
      extensionId = await browser.installExtension(extensionDir);
      // The floor extension has no background to wait for.
      if (!JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8')).background) return session(browser, profile, extensionId);
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
  return session(browser, profile, extensionId);
}

function session(browser, profile, extensionId) {
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

/**
 * Firefox over WebDriver BiDi, with the e2e harness's preferences, a fresh
 * profile and optionally no extension. `prefs` adds to them.
 * @param {{ name: string, extensionDir?: string | null, prefs?: Record<string, unknown> }} options
 */
export async function launchFirefox({ name, extensionDir = null, prefs = {} }) {
  if (extensionDir && !existsSync(join(extensionDir, 'manifest.json'))) throw new Error(`${extensionDir} has no manifest.json`);
  const profile = join(PROFILES, `${name}-${process.pid}`);
  rmSync(profile, { recursive: true, force: true });
  mkdirSync(profile, { recursive: true });
  const browser = await puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    executablePath: FIREFOX,
    headless: true,
    userDataDir: profile,
    args: ['--remote-allow-system-access'],
    env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
    extraPrefsFirefox: { ...firefoxPrefs(), ...prefs },
    protocolTimeout: 600_000,
  });
  try {
    if (extensionDir) await browser.installExtension(resolve(extensionDir));
  } catch (error) {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
  return {
    browser,
    profile,
    async close() {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
