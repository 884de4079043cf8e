import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { X_MATCHES } from './lib/x/pages';


export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({
    plugins: [preact()],
  }),
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // tabs.query({ url }) for the X tabs needs the X hosts, and nothing else.
    host_permissions: X_MATCHES,
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
