import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { openShortcutSettings } from '@/lib/runtime';

type Commands = typeof fakeBrowser.commands & { openShortcutSettings?: () => Promise<void> };
const commands = fakeBrowser.commands as Commands;

afterEach(() => {
  delete commands.openShortcutSettings;
});

describe("opening the browser's page of the extension's shortcuts", () => {
  it('in Chrome (the build the tests run), opens chrome://extensions/shortcuts in a tab', async () => {
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    expect(await openShortcutSettings()).toBe(true);
    expect(create).toHaveBeenCalledWith({ url: 'chrome://extensions/shortcuts' });
  });

  it("in Firefox, asks Firefox for its shortcuts' page (an extension may not open about:addons)", async () => {
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    const open = vi.fn(async () => undefined);
    commands.openShortcutSettings = open;
    expect(await openShortcutSettings(true)).toBe(true);
    expect(open).toHaveBeenCalledOnce();
    expect(create).not.toHaveBeenCalled();
  });

  it('in a Firefox without that page (before 137), or when it fails, says so: the popup then tells the way', async () => {
    expect(await openShortcutSettings(true)).toBe(false);
    commands.openShortcutSettings = () => Promise.reject(new Error('no window'));
    expect(await openShortcutSettings(true)).toBe(false);
  });
});
