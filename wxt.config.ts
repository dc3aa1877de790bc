import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// Both browsers get Manifest V3; Firefox needs a fixed add-on id so that
// storage and the archive survive reinstalls and tests can pin its UUID.
export default defineConfig({
  manifestVersion: 3,
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({
    plugins: [preact({ prefreshEnabled: false, devToolsEnabled: false })],
  }),
  manifest: ({ browser }) => ({
    name: 'EM Lens 东财透镜',
    description:
      'Badges the stocks and sectors an Eastmoney article mentions and keeps the articles you save in a local, searchable archive.',
    // storage: settings; contextMenus: "save to archive" on article pages.
    // activeTab + scripting: read a copy of an article on another site when the person asks, from the toolbar.
    permissions: ['storage', 'contextMenus', 'activeTab', 'scripting'],
    // Quotes come from Eastmoney's quote API, asked by the background only.
    host_permissions: ['https://push2.eastmoney.com/*'],
    action: { default_title: 'EM Lens archive' },
    commands: {
      'save-article': {
        suggested_key: { default: 'Alt+Shift+S' },
        description: 'Save the Eastmoney article in this tab to the EM Lens archive',
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
      },
    }),
  }),
});
