import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import type { Alias, InlineConfig } from 'vite';
import { ARTICLE_MATCHES, ARTICLE_OVERLAY_SCRIPT } from './lib/article-url';
import { INTRADAY_HOST_PERMISSION } from './lib/quotes/intraday-reply';

// Both browsers get Manifest V3; Firefox needs a fixed add-on id so that
// storage and the archive survive reinstalls and tests can pin its UUID.
export default defineConfig({
  manifestVersion: 3,
  modules: ['@wxt-dev/webextension-polyfill'],
  // `npm run zip`: store packages for both browsers, and for Firefox the
  // sources AMO reviewers rebuild from (`npm ci && npm run build`). Only what
  // the build reads goes in; no tests, benchmarks, screenshots or outputs.
  zip: {
    excludeSources: ['**/*'],
    includeSources: [
      'package.json',
      'package-lock.json',
      'wxt.config.ts',
      'tsconfig.json',
      'README.md',
      'entrypoints/**',
      'components/**',
      'lib/**',
      'platform/**',
      'public/**',
      'assets/**',
      'scripts/render-icons.mjs',
    ],
  },
  hooks: {
    // The content script runs on every article page, so it goes without the
    // polyfill (15–20 kB of it): it uses only promise-returning calls both
    // browsers have natively in MV3, and answers messages with sendResponse
    // (platform/messaging.ts). Background and extension pages keep it.
    'vite:build:extendConfig'(entrypoints, config) {
      if (entrypoints.every((entrypoint) => entrypoint.name === ARTICLE_OVERLAY_NAME)) withoutPolyfill(config);
      if (entrypoints.some((entrypoint) => entrypoint.type === 'popup')) withFewPageChunks(config);
    },
    // The content script is built as a plain script (entrypoints/article-overlay/)
    // and declared here: WXT's content-script entrypoint would wrap it in a
    // context object (4 kB) that every article page compiles afresh in a new tab.
    'build:manifestGenerated'(_wxt, manifest) {
      manifest.content_scripts = [
        ...(manifest.content_scripts ?? []),
        { matches: ARTICLE_MATCHES, js: [ARTICLE_OVERLAY_SCRIPT.slice(1)], run_at: 'document_start' },
      ];
    },
  },
  vite: () => ({
    plugins: [preact({ prefreshEnabled: false, devToolsEnabled: false })],
  }),
  manifest: ({ browser }) => ({
    // Names and every string the user sees: public/_locales (zh_CN by default, en).
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'zh_CN',
    // storage: settings; contextMenus: "save to archive" on article pages.
    // activeTab + scripting: read a copy of an article on another site when the person asks, from the toolbar.
    // unlimitedStorage: the archive grows for years; without it both browsers
    // count it as best-effort data, held to a quota and evicted under disk pressure.
    // alarms: sync every 15 minutes and shortly after a change, when sync is on; a look each hour whether a backup is due.
    // downloads: the rolling backups, written to the Downloads folder, and the older ones removed.
    // offscreen (Chrome): its background worker cannot make the backup file's blob: address.
    permissions: ['storage', 'unlimitedStorage', 'contextMenus', 'activeTab', 'scripting', 'alarms', 'downloads', ...(browser === 'firefox' ? [] : ['offscreen'])],
    // Sync's WebDAV server: asked for at run time, for the one origin the
    // reader gives (permissions.request on the settings page), never granted
    // at install. Plain http only on this machine's loopback.
    optional_host_permissions: ['https://*/*', 'http://127.0.0.1/*', 'http://localhost/*'],
    // Quotes come from Eastmoney's quote API, asked by the background only.
    // The article pages the content script runs on: a save runs the reader
    // there (scripting), so the sanitiser is not loaded on every page.
    // Intraday lines (a badge's card) come from push2his, asked by the background only.
    host_permissions: ['https://push2.eastmoney.com/*', INTRADAY_HOST_PERMISSION, ...ARTICLE_MATCHES],
    // The manifest's `icons` come from public/icon/<size>.png (WXT finds them);
    // the toolbar button names its own (scripts/render-icons.mjs draws them all).
    web_accessible_resources: [{ resources: ['overlay-frame.html'], matches: ['<all_urls>'] }],
    action: {
      default_title: '__MSG_actionTitle__',
      default_icon: { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png' },
    },
    commands: {
      'save-article': {
        suggested_key: { default: 'Alt+Shift+S' },
        description: '__MSG_commandSave__',
      },
    },
    ...(browser === 'firefox' && {
      browser_specific_settings: {
        gecko: {
          id: 'em-lens@em-lens.invalid',
          strict_min_version: '140.0',
          // EM Lens keeps everything in the browser and sends nothing anywhere.
          data_collection_permissions: { required: ['none'] },
        },
        // Firefox for Android reads data_collection_permissions from 142 on.
        gecko_android: { strict_min_version: '142.0' },
      },
    }),
  }),
});

/**
 * The extension's pages share their modules in two chunks instead of a
 * dozen: what the overlay's archive frame shares with other pages (the frame
 * loads on every article page), and what two or more of the other pages
 * share. An extension page's renderer spends about 2 ms of its main thread
 * on each file it requests, so the popup's 14 files cost it some 30 ms
 * before its first rows. A module only one page uses stays with that page,
 * and modules loaded on demand (the chart library, the zip writer) keep
 * their own chunks.
 */
function withFewPageChunks(config: InlineConfig): void {
  type Info = { importers: readonly string[]; isEntry: boolean } | null;
  const pagesOf = new Map<string, Set<string>>();
  const isPage = (id: string) => id.endsWith('.html');
  /** The pages whose static imports reach `id`. */
  const pagesReaching = (id: string, info: (id: string) => Info): Set<string> => {
    const known = pagesOf.get(id);
    if (known) return known;
    const pages = new Set<string>();
    // Set before the importers are read: a cycle ends here (a member of one may
    // come out with fewer pages, and is then left to Rollup's own chunking).
    pagesOf.set(id, pages);
    if (isPage(id)) pages.add(id);
    for (const importer of info(id)?.importers ?? []) for (const page of pagesReaching(importer, info)) pages.add(page);
    return pages;
  };
  config.build ??= {};
  config.build.rollupOptions ??= {};
  const output = config.build.rollupOptions.output;
  if (Array.isArray(output)) return;
  config.build.rollupOptions.output = {
    ...output,
    manualChunks(id, { getModuleInfo }) {
      // Style sheets stay with the scripts that import them (each page its own).
      if (isPage(id) || getModuleInfo(id)?.isEntry || /\.css$/.test(id)) return undefined;
      const pages = pagesReaching(id, getModuleInfo);
      if (pages.size < 2) return undefined;
      return [...pages].some((page) => page.includes('/overlay-frame/')) ? 'frame-common' : 'pages-common';
    },
  };
}

/** The content script's entrypoint name, from its file in the build. */
const ARTICLE_OVERLAY_NAME = ARTICLE_OVERLAY_SCRIPT.replace(/^\/|\.js$/g, '');

/** Undoes @wxt-dev/webextension-polyfill's alias, so that `wxt/browser` is WXT's own (the browser's `browser` or `chrome`). */
function withoutPolyfill(config: InlineConfig): void {
  const alias = config.resolve?.alias;
  if (Array.isArray(alias)) {
    config.resolve!.alias = alias.filter((entry: Alias) => entry.find !== 'wxt/browser');
  } else if (alias && typeof alias === 'object') {
    delete (alias as Record<string, string>)['wxt/browser'];
  }
}
