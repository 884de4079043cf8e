import { DAY_MS, localDayOf } from '../../lib/time';
import type { Page } from '@playwright/test';
import { expect, putRecords, test } from './fixtures';

// The browser refuses Veille's writes (the disk is full, or the space it allows Veille is used up):
// each gesture says so where the CM made it, in words they can act on, and nothing changes.
const FULL = "Something went wrong: the browser has no room left for Veille's data (the disk is full, or the space the browser allows Veille); free some space, then try again.";

/** From now on, `page`'s writes by `methods` are refused, as IndexedDB refuses them when storage is full. */
function refuseWrites(page: Page, methods: ('put' | 'add' | 'delete' | 'clear')[]): Promise<void> {
  return page.evaluate((names) => {
    for (const m of names) {
      IDBObjectStore.prototype[m] = () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    }
  }, methods);
}

test('a full disk is said where the CM acted (a partner deleted, a card moved, places added), and nothing changes', async ({ options, extensionId }) => {
  const page = options.page;
  await options.addPartner({ handle: 'CNRS', name: 'CNRS', category: 'public_authority' });
  await expect(options.rows()).toHaveCount(1);
  await page.evaluate(() => chrome.runtime.sendMessage({ type: 'topic.save', payload: { title: 'A topic', url: 'https://example.org/a' } }));
  // A session of veille yesterday, 09:00 – 09:45, in the history.
  const day = localDayOf(Date.now() - DAY_MS);
  const at = (time: string) => new Date(`${day}T${time}:00`).getTime();
  await putRecords(page, 'veilleSessions', [{ id: 's1', start: at('09:00'), end: at('09:45'), mode: 'manual' }]);
  await page.goto(`chrome-extension://${extensionId}/options.html#topics`);
  await page.reload();
  const card = page.locator('.column[data-status="new"] .card', { hasText: 'A topic' });
  await expect(card).toHaveCount(1);
  // From now on, every write this page makes is refused, as IndexedDB refuses it when storage is full.
  await refuseWrites(page, ['put', 'add', 'delete', 'clear']);

  page.once('dialog', (d) => void d.accept());
  await options.row('cnrs').getByRole('button', { name: 'Delete @cnrs' }).click();
  await expect(page.getByTestId('status')).toHaveText(FULL);
  await expect(options.rows()).toHaveCount(1);

  await card.focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('board-status')).toHaveText(FULL);
  await expect(page.locator('.column[data-status="new"] .card')).toHaveCount(1);
  await expect(page.locator('.column[data-status="proposed"] .card')).toHaveCount(0);
  await card.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Topic' });
  await dialog.getByLabel('Title').fill('A topic renamed');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByRole('alert')).toHaveText(FULL);
  await page.keyboard.press('Escape');
  await expect(card).toHaveText(/A topic/);
  await expect(page.locator('.card-title', { hasText: 'renamed' })).toHaveCount(0);

  const editor = page.getByTestId('round-editor');
  await editor.getByText('Add several places at once').click();
  const paste = editor.locator('.paste-places');
  const addresses = paste.getByLabel('Addresses, one per line (or separated by spaces)');
  await addresses.fill('https://example.org/jacs-asap');
  await paste.getByRole('button', { name: 'Add them to the round' }).click();
  await expect(paste.getByRole('alert')).toHaveText(FULL);
  // What was typed stays, to try again.
  await expect(addresses).toHaveValue('https://example.org/jacs-asap');
  await expect(editor.locator('.round-list a')).toHaveCount(0);

  // The history: a session edited, then deleted, stays as it was.
  const dayBlock = page.locator(`[data-day="${day}"]`);
  await dayBlock.getByRole('button', { name: 'Edit' }).click();
  await dayBlock.getByLabel('End').fill('10:30');
  await dayBlock.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('history-status')).toHaveText(FULL);
  await page.reload();
  await expect(dayBlock).toContainText('09:00 – 09:45');
  await refuseWrites(page, ['put', 'add', 'delete', 'clear']);
  page.once('dialog', (d) => void d.accept());
  await dayBlock.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByTestId('history-status')).toHaveText(FULL);
  await expect(dayBlock).toContainText('09:00 – 09:45');

  // A setting's switch goes back to what is stored, with why.
  const settings = page.locator('section.settings');
  const strips = settings.getByRole('checkbox', { name: 'The engagement strip under tweets' });
  await expect(strips).toBeChecked();
  await strips.click();
  await expect(settings.getByRole('alert')).toHaveText(
    "The setting could not be saved: the browser has no room left for Veille's data (the disk is full, or the space the browser allows Veille); free some space, then try again.",
  );
  await expect(strips).toBeChecked();
});

test.describe('a refusal no gesture expected', () => {
  // (The browser still reports the rejection, as it should: this test causes it. Playwright names
  // it by the minified class of Dexie's error, so the options page's one error is what is known.)
  test.use({ causedErrors: [/^chrome-extension:\/\/\w+\/(options|popup)\.html: /] });

  test('is said at the foot of the page, in the CM\'s words, until dismissed', async ({ options, extensionId }) => {
    const page = options.page;
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    const steps = page.getByTestId('getting-started');
    await expect(steps).toBeVisible();
    await refuseWrites(page, ['put', 'add']);
    // Hiding the first steps writes a setting; nothing on that button expects a refusal.
    await steps.getByRole('button', { name: 'Hide these steps' }).click();
    const said = page.getByTestId('unsaid-error');
    await expect(said).toContainText(FULL);
    await expect(said).toBeInViewport();
    await expect(steps).toBeVisible();
    await said.getByRole('button', { name: 'Dismiss' }).click();
    await expect(said).toHaveCount(0);
  });

  test('in the popup too, within its narrow window', async ({ context, extensionId }) => {
    const popup = await context.newPage();
    await popup.setViewportSize({ width: 360, height: 600 });
    await popup.goto(`chrome-extension://${extensionId}/popup.html`);
    const marks = popup.getByRole('checkbox', { name: /^Veille's marks on X pages/ });
    await expect(marks).toBeChecked();
    await refuseWrites(popup, ['put', 'add']);
    await marks.click();
    const said = popup.getByTestId('unsaid-error');
    await expect(said).toContainText(FULL);
    await expect(said).toBeInViewport();
    await expect(marks).toBeChecked();
  });
});
