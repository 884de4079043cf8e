#!/usr/bin/env node
/**
 * npm start: build the extension, say where it is, and open it in Chromium when there is a display.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const built = resolve(root, '.output/chrome-mv3');

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const build = spawnSync(npx, ['wxt', 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

console.log(`
Veille is built in: ${built}
  Chrome, Chromium, Edge: open chrome://extensions, turn on Developer mode, "Load unpacked", choose that folder.
  Firefox: run "npm run build:firefox", open about:debugging#/runtime/this-firefox,
           "Load Temporary Add-on…", choose .output/firefox-mv2/manifest.json.
`);

const candidates = [
  process.env.CHROME_PATH,
  ...(process.platform === 'darwin'
    ? ['/Applications/Chromium.app/Contents/MacOS/Chromium', '/Applications/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing']
    : process.platform === 'win32'
      ? [`${process.env.LOCALAPPDATA}\\Chromium\\Application\\chrome.exe`, 'C:\\Program Files\\Chromium\\Application\\chrome.exe']
      : ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium']),
].filter(Boolean);
const browser = candidates.find((p) => existsSync(p));
const hasDisplay = process.platform !== 'linux' || !!(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);

if (process.env.CI || !hasDisplay) {
  console.log('No display here: the browser is not opened. Load the folder above by hand.');
} else if (!browser) {
  console.log('No Chromium found (set CHROME_PATH to one). Branded Google Chrome ignores --load-extension: load the folder above by hand.');
} else {
  const profile = resolve(root, '.output/browser-profile');
  mkdirSync(profile, { recursive: true });
  // Chromium refuses to run as root with its sandbox (containers, CI machines).
  const asRoot = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  const child = spawn(
    browser,
    [`--user-data-dir=${profile}`, `--load-extension=${built}`, `--disable-extensions-except=${built}`, '--no-first-run', ...asRoot, 'https://x.com/home'],
    { detached: true, stdio: 'ignore' },
  );
  child.unref();
  console.log(`Opened ${browser} with Veille loaded (profile in ${profile}).`);
}
