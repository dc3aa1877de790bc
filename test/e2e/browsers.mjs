// One puppeteer-core harness for both browsers: launch with the built
// extension, open its pages, and serve fixture pages at their real URLs.
import puppeteer from 'puppeteer-core';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const GECKO_ID = 'em-lens@em-lens.invalid';
// Pinned so that moz-extension:// URLs are known before the add-on starts.
export const FIREFOX_UUID = '6d1f1f4e-2b7a-4c3e-9d55-0e1a5f3c7b21';

export const BROWSERS = {
  chrome: { executable: '/usr/bin/chromium', build: '.output/chrome-mv3', apt: 'chromium' },
  firefox: { executable: '/usr/bin/firefox-esr', build: '.output/firefox-mv3', apt: 'firefox-esr' },
};

/**
 * @param {'chrome' | 'firefox'} name
 * @returns {Promise<{ browser: import('puppeteer-core').Browser, name: string, extensionBase: string, openExtensionPage: (page: import('puppeteer-core').Page, path: string) => Promise<void>, close: () => Promise<void> }>}
 */
export async function launchWithExtension(name) {
  const spec = BROWSERS[name];
  const extensionDir = resolve(spec.build);
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`${spec.build} is missing: run \`npm run build\` first`);
  }
  if (name === 'chrome') return launchChromium(spec, extensionDir);
  return launchFirefox(spec, extensionDir);
}

async function launchChromium(spec, extensionDir) {
  const profile = mkdtempSync(join(tmpdir(), 'em-lens-chromium-'));
  const browser = await puppeteer.launch({
    browser: 'chrome',
    executablePath: spec.executable,
    headless: true,
    pipe: true,
    enableExtensions: true,
    userDataDir: profile,
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-features=NetworkTimeServiceQuerying',
      '--no-first-run',
      '--disable-sync',
      // Nothing that escapes request interception can resolve a host; loopback
      // stays reachable for the local quote server.
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
      '--lang=zh-CN',
    ],
  });
  const id = await browser.installExtension(extensionDir);
  const extensionBase = `chrome-extension://${id}`;
  const worker = await browser.waitForTarget(
    (target) => target.type() === 'service_worker' && target.url().startsWith(extensionBase),
    { timeout: 15_000 },
  );
  await worker.worker();
  return {
    browser,
    name: 'chrome',
    extensionBase,
    async openExtensionPage(page, path) {
      await page.goto(`${extensionBase}/${path}`, { waitUntil: 'load' });
    },
    async close() {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

async function launchFirefox(spec, extensionDir) {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    executablePath: spec.executable,
    headless: true,
    // Lets WebDriver BiDi open moz-extension:// pages.
    args: ['--remote-allow-system-access'],
    // Release builds ignore services.settings.server unless this is set.
    env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_UUID }),
      // MV3 host permissions granted at install, as a user accepting the prompt would.
      'extensions.originControls.grantByDefault': true,
      'services.settings.server': 'data:,#remote-settings-dummy/v1',
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': 9,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': 9,
      'network.captive-portal-service.enabled': false,
      'network.connectivity-service.enabled': false,
      'browser.newtabpage.enabled': false,
      'browser.startup.homepage': 'about:blank',
      'datareporting.policy.dataSubmissionEnabled': false,
      'toolkit.telemetry.enabled': false,
      'intl.accept_languages': 'zh-CN, zh, en',
    },
  });
  await browser.installExtension(extensionDir);
  const extensionBase = `moz-extension://${FIREFOX_UUID}`;
  return {
    browser,
    name: 'firefox',
    extensionBase,
    async openExtensionPage(page, path) {
      const url = `${extensionBase}/${path}`;
      // Firefox sends no load events for moz-extension:// documents over BiDi,
      // so page.goto() would wait forever; navigate the browsing context directly.
      await page.mainFrame().browsingContext.navigate(url, 'complete');
      await page.waitForFunction(
        (expected) => location.href === expected && document.readyState === 'complete',
        { polling: 100 },
        url,
      );
    },
    async close() {
      await browser.close();
    },
  };
}
