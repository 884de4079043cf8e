import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { openOnClick } from '@/entrypoints/background/notify';

describe("clicking one of Veille's notifications", () => {
  const create = vi.fn(async (props: { url?: string }) => ({ id: 1, ...props }));
  const clear = vi.fn(async () => true);
  beforeEach(() => {
    fakeBrowser.reset();
    create.mockClear();
    clear.mockClear();
    fakeBrowser.tabs.create = create as unknown as typeof fakeBrowser.tabs.create;
    fakeBrowser.notifications.clear = clear as unknown as typeof fakeBrowser.notifications.clear;
    openOnClick();
  });

  it.each([
    ['veille-reminder-2026-12-04', 'https://x.com/home'],
    ['veille-goal-2026-12-04', 'chrome-extension://test-extension-id/options.html#veille'],
    ['veille-topic-5f1c2a9e-0b7d-4e1a-9c3f-2d8e6b4a1c70', 'chrome-extension://test-extension-id/options.html#topic-5f1c2a9e-0b7d-4e1a-9c3f-2d8e6b4a1c70'],
    ['veille-backup', 'chrome-extension://test-extension-id/options.html#backup-now'],
    ['veille-meeting-2026-11-23', 'chrome-extension://test-extension-id/options.html#report-week-2026-11-23'],
    ['veille-round-done-2026-12-04', 'chrome-extension://test-extension-id/options.html#veille-round'],
    ['veille-round-empty', 'chrome-extension://test-extension-id/options.html#veille-round'],
  ])('%s opens %s in a new tab, and closes the notification', async (id, url) => {
    await fakeBrowser.notifications.onClicked.trigger(id);
    expect(create).toHaveBeenCalledWith({ url });
    expect(clear).toHaveBeenCalledWith(id);
  });

  it("leaves another extension's notification alone", async () => {
    await fakeBrowser.notifications.onClicked.trigger('something-else');
    expect(create).not.toHaveBeenCalled();
    expect(clear).not.toHaveBeenCalled();
  });
});
