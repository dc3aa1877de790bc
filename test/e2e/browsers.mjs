// One puppeteer-core harness for both browsers: launch with the built
// extension, open its pages, and serve fixture pages at their real URLs.
import puppeteer from 'puppeteer-core';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const GECKO_ID = 'em-lens@em-lens.invalid';
// Pinned so that moz-extension:// URLs are known before the add-on starts.
export const FIREFOX_UUID = '6d1f1f4e-2b7a-4c3e-9d55-0e1a5f3c7b21';

/** How Chromium runs under test and bench: as root, offline, quiet. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-features=NetworkTimeServiceQuerying',
  '--no-first-run',
  '--disable-sync',
  // Nothing that escapes request interception can resolve a host; loopback
  // stays reachable for the local quote server.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
];

export const BROWSERS = {
  chrome: {
    executable: '/usr/bin/chromium',
    build: '.output/chrome-mv3',
    apt: 'chromium',
    // Without its language files (chromium-l10n) Chromium runs in English only.
    needs: ['/usr/lib/chromium/locales/zh-CN.pak'],
  },
  firefox: {
    executable: '/usr/bin/firefox-esr',
    build: '.output/firefox-mv3',
    apt: 'firefox-esr',
    // Without its Chinese language pack Firefox cannot run in Chinese, and the tests would see English.
    needs: ['/usr/lib/firefox-esr/browser/extensions/langpack-zh-CN@firefox-esr.mozilla.org.xpi'],
  },
};

/**
 * @param {'chrome' | 'firefox'} name
 * @param {{ colorScheme?: 'dark' | 'light', locale?: 'zh' | 'en', build?: string, profile?: string, downloads?: string, protocolTimeout?: number }} [options] profile: a
 *   profile folder of the caller's, kept after close (a test that kills the browser starts it again on the same
 *   profile); without one, a fresh profile removed on close. locale: the browser's
 *   language (Simplified Chinese unless asked). colorScheme: the
 *   system colour scheme the browser reports to pages (`prefers-color-scheme`),
 *   as a user's desktop setting would; unset keeps the browser's default (light). downloads: the folder the
 *   browser downloads into without asking (its Downloads folder), for the rolling backups.
 *   protocolTimeout: the longest one protocol call may take (puppeteer's default, 3 minutes, unless given):
 *   a wait for a selector is one call in Firefox, so a wait of longer needs more.
 * @returns {Promise<{ browser: import('puppeteer-core').Browser, name: string, extensionBase: string, openExtensionPage: (page: import('puppeteer-core').Page, path: string) => Promise<void>, close: () => Promise<void>, kill: () => Promise<void> }>}
 */
export async function launchWithExtension(name, options = {}) {
  const spec = BROWSERS[name];
  // `build`: another build of the extension for this engine (the Edge package in Chromium).
  const build = options.build ?? spec.build;
  const extensionDir = resolve(build);
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`${build} is missing: run \`npm run build\` first`);
  }
  if (name === 'chrome') return launchChromium(spec, extensionDir, options);
  return launchFirefox(spec, extensionDir, options);
}

/**
 * SIGKILL, as a power cut or the OOM killer would: no shutdown, no flush
 * beyond what the browser had already handed the OS. Waits until it is gone.
 */
async function killBrowser(browser) {
  const child = browser.process();
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((done) => child.once('exit', done));
  child.kill('SIGKILL');
  await gone;
  // Puppeteer notices the closed pipe or socket by itself; nothing is left to close.
  await browser.disconnect().catch(() => {});
  // On the exit, puppeteer puts back a kept Firefox profile's user.js from its
  // backup, asynchronously; a start on the same profile before that is done
  // races it for the file. A second is ample on a loaded machine.
  await new Promise((done) => setTimeout(done, 1000));
}

async function launchChromium(spec, extensionDir, { colorScheme, locale = 'zh', profile: kept, downloads, protocolTimeout } = {}) {
  const profile = kept ?? mkdtempSync(join(tmpdir(), 'em-lens-chromium-'));
  // Chromium has no flag for it; a new profile's preferences say where downloads go.
  if (downloads && !existsSync(join(profile, 'Default', 'Preferences'))) {
    mkdirSync(join(profile, 'Default'), { recursive: true });
    writeFileSync(
      join(profile, 'Default', 'Preferences'),
      JSON.stringify({ download: { default_directory: downloads, prompt_for_download: false, directory_upgrade: true } }),
    );
  }
  const browser = await puppeteer.launch({
    browser: 'chrome',
    executablePath: spec.executable,
    headless: true,
    pipe: true,
    ...(protocolTimeout && { protocolTimeout }),
    enableExtensions: true,
    userDataDir: profile,
    // On Linux, Chromium takes its language (and so the extension's messages) from the environment.
    env: { ...process.env, LANGUAGE: locale === 'en' ? 'en_US' : 'zh_CN', LANG: locale === 'en' ? 'en_US.UTF-8' : 'zh_CN.UTF-8' },
    args: [
      ...CHROMIUM_ARGS,
      `--lang=${locale === 'en' ? 'en-US' : 'zh-CN'}`,
      // A dark desktop; without it, headless Chromium reports light.
      ...(colorScheme === 'dark' ? ['--force-dark-mode'] : []),
    ],
  });
  let id;
  try {
    id = await browser.installExtension(extensionDir);
  } catch (error) {
    // A browser left running would keep the test process alive after the failure.
    await browser.close();
    if (!kept) rmSync(profile, { recursive: true, force: true });
    throw error;
  }
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
      if (!kept) rmSync(profile, { recursive: true, force: true });
    },
    kill: () => killBrowser(browser),
  };
}

/**
 * Stops the extension's background service worker in Chromium, as its idle
 * timer would, by closing the worker's target (the way Chrome's guide to
 * testing termination does: CDP's ServiceWorker.stopAllWorkers left the
 * worker stopped for good in Chromium 156, woken by no later message).
 * Resolves true if a running worker was stopped, false if none was running.
 */
export async function stopBackgroundWorker(browser, extensionBase) {
  const target = browser.targets().find((candidate) => candidate.type() === 'service_worker' && candidate.url().startsWith(extensionBase));
  if (!target) return false;
  await (await target.worker())?.close();
  return true;
}

/**
 * The preferences Firefox runs with under test and bench: offline, quiet, in
 * the asked language and colour scheme, the add-on's UUID pinned.
 * @param {{ colorScheme?: 'dark' | 'light', locale?: 'zh' | 'en', profile?: string, downloads?: string }} options
 */
export function firefoxPrefs({ colorScheme, locale = 'zh', profile, downloads } = {}) {
  return {
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
    // The browser's own language, which the extension's messages follow (needs firefox-esr-l10n-zh-cn).
    'intl.locale.requested': locale === 'en' ? 'en-US' : 'zh-CN',
    'intl.accept_languages': locale === 'en' ? 'en-US, en' : 'zh-CN, zh, en',
    // What the desktop says; pages and the extension's own pages follow it.
    // (Puppeteer's page.emulateMediaFeatures needs CDP, which Firefox lacks.)
    ...(colorScheme && { 'ui.systemUsesDarkTheme': colorScheme === 'dark' ? 1 : 0 }),
    // A kept profile outlives the temporary add-on, which is installed again at each start:
    // its storage (the same moz-extension:// origin, by the pinned UUID) must stay.
    ...(profile && { 'extensions.webextensions.keepStorageOnUninstall': true, 'extensions.webextensions.keepUuidOnUninstall': true }),
    // Downloads into this folder without asking, as the Downloads folder.
    ...(downloads && { 'browser.download.dir': downloads, 'browser.download.folderList': 2, 'browser.download.useDownloadDir': true }),
  };
}

async function launchFirefox(spec, extensionDir, { colorScheme, locale = 'zh', profile, downloads, protocolTimeout } = {}) {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    executablePath: spec.executable,
    headless: true,
    ...(protocolTimeout && { protocolTimeout }),
    ...(profile && { userDataDir: profile }),
    // Lets WebDriver BiDi open moz-extension:// pages.
    args: ['--remote-allow-system-access'],
    // Release builds ignore services.settings.server unless this is set.
    env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
    extraPrefsFirefox: firefoxPrefs({ colorScheme, locale, profile, downloads }),
  });
  try {
    await browser.installExtension(extensionDir);
  } catch (error) {
    await browser.close();
    throw error;
  }
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
    kill: () => killBrowser(browser),
  };
}
