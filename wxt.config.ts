import { fileURLToPath } from 'node:url';
import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { X_MATCHES, X_PRO_MATCHES } from './lib/x/pages';
import { cssTemplates } from './scripts/css-templates';
import { quietLogger } from './scripts/quiet-logger';


export default defineConfig({
  // VEILLE_BENCH=1 (npm run bench) builds the extension with the benchmark's probe in its content
  // script (see `benchProbe` in overlays.ts), into a folder of its own: the extension as shipped,
  // in .output, has no measuring code.
  ...(process.env.VEILLE_BENCH === '1' ? { outDir: '.output/bench' } : {}),
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({
    // cssTemplates: the CSS of the content script's template literals, without the spaces it does not
    // need; quietLogger: WXT's logger, silent in production, out of the content script's entrypoint.
    plugins: [preact(), cssTemplates(), quietLogger()],
    // VEILLE_NO_MINIFY=1 builds readable bundles, for profiling.
    build: process.env.VEILLE_NO_MINIFY ? { minify: false } : {},
    define: { 'import.meta.env.VEILLE_BENCH': JSON.stringify(process.env.VEILLE_BENCH === '1') },
  }),
  hooks: {
    // The content script runs on every X page and must stay small (issue: ≤ 40 kB). There,
    // `wxt/browser` is WXT's own shim over the native `browser`/`chrome` global (promise-based in
    // MV3 Chrome and in Firefox) instead of webextension-polyfill, which adds 10 kB and nothing
    // the content script uses. The worker and the pages keep the polyfill. And WXT's content script
    // context is Veille's own, as much of it as the content script uses (see its file): 1.5 kB.
    'vite:build:extendConfig'(entrypoints, config) {
      if (!entrypoints.some((e) => e.type === 'content-script')) return;
      const alias = config.resolve?.alias;
      const list = Array.isArray(alias)
        ? alias
        : Object.entries(alias ?? {}).map(([find, replacement]) => ({ find, replacement: String(replacement) }));
      config.resolve = {
        ...config.resolve,
        alias: [
          { find: /^wxt\/browser$/, replacement: '@wxt-dev/browser' },
          { find: /^wxt\/utils\/content-script-context$/, replacement: fileURLToPath(new URL('./entrypoints/x.content/context.ts', import.meta.url)) },
          ...list,
        ],
      };
    },
  },
  manifest: ({ browser, manifestVersion }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // tabs.query({ url }) for the X tabs needs the X hosts, and nothing else.
    host_permissions: X_MATCHES,
    // alarms: the veille clock's minute tick; idle: automatic counting stops when the CM is away, and a
    // session started by hand at a locked screen or a keyboard and mouse left;
    // notifications: the daily goal, the optional reminder, a topic saved without a form, the backup
    // and the weekly meeting's reminders.
    // contextMenus: "Save to Veille"; activeTab + scripting: read the selection of the page the CM
    // saves from the popup, only when they open it; scripting, with the X hosts: start the content
    // script in the X tabs open where it does not run: Veille installed, updated, switched on again
    // or given back its access to X (Chrome does not).
    // unlimitedStorage: the browser never evicts the CM's data.
    permissions: ['alarms', 'idle', 'notifications', 'contextMenus', 'activeTab', 'scripting', 'unlimitedStorage'],
    // X Pro, asked for only when the CM wants the veille to count the time spent there (the
    // settings): the worker then sees its tabs' addresses. (Manifest v2 lists it with the others.)
    ...(manifestVersion === 3 ? { optional_host_permissions: X_PRO_MATCHES } : { optional_permissions: X_PRO_MATCHES }),
    commands: {
      'toggle-veille': {
        suggested_key: { default: 'Alt+Shift+V' },
        description: '__MSG_cmd_toggle_veille__',
      },
      'save-topic': {
        suggested_key: { default: 'Alt+Shift+S' },
        description: '__MSG_cmd_save_topic__',
      },
      // (Chromium does not give an extension Alt+Shift+N, R, P or X: it keeps them for itself.)
      'next-place': {
        suggested_key: { default: 'Alt+Shift+G' },
        description: '__MSG_cmd_next_place__',
      },
    },
    action: { default_title: '__MSG_extName__' },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            // Veille collects nothing: all its data stays in the browser profile.
            gecko: { id: 'veille@veille.local', strict_min_version: '115.0', data_collection_permissions: { required: ['none'] } },
          },
        }
      : {}),
  }),
});
