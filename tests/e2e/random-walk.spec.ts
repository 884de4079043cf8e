/**
 * Random walks: the CM's gestures drawn at random (fast-check, a fixed seed), through the dashboard
 * with data in every section, through Veille's overlays on an X timeline that X keeps changing, and
 * through the popup over an X tab.
 * Whatever is clicked, typed, chosen or pressed, no page throws and nothing is logged as an error
 * (the `context` fixture checks both). Such a walk found the settings' time fields throwing when
 * cleared.
 */
import fc from 'fast-check';
import type { Locator, Page } from '@playwright/test';
import { OVERVIEW, PREMIUM, LEGACY_EN } from '../fixtures/analytics';
import { cellHtml, profileHeaderHtml, timelinePage, type TweetSpec } from '../fixtures/x-dom';
import { expect, openPopup, putRecords, test, travelBack } from './fixtures';

/** What the CM types: nothing, blanks, handles, addresses, markup, emoji, a long text, numbers and dates out of bounds. */
const TYPED = ['', ' ', 'a', '@cnrs', 'x.com/inria', 'https://x.com/cnrs/status/1856000000000000001', '<b>x</b>', '𝕏 émoji 🧪', 'x'.repeat(3000), 'O\'Brien; "q", d', '#chimie, santé', '\n\n', '-1', '0', '100000', '3.5', 'javascript:alert(1)'];
const KEYS = ['Enter', 'Escape', 'Tab', 'Shift+Tab', 'ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', ' ', 'Delete', 'Backspace', 'Home', 'End'];

interface Gesture {
  /** Which of the elements the gesture may reach (modulo their number when it comes). */
  at: number;
  kind: 'click' | 'type' | 'key';
  text: string;
  key: string;
  /** On X: what X does meanwhile (nothing, most of the time). */
  x: 'none' | 'recycle' | 'counts' | 'profile' | 'home' | 'hover';
}

const gestures = (seed: number, n: number): Gesture[] =>
  fc.sample(
    fc.array(
      fc.record({
        at: fc.nat(),
        kind: fc.constantFrom('click', 'click', 'type', 'key'),
        text: fc.oneof(fc.constantFrom(...TYPED), fc.string({ maxLength: 40 })),
        key: fc.constantFrom(...KEYS),
        x: fc.constantFrom('none', 'none', 'none', 'recycle', 'counts', 'profile', 'home', 'hover'),
      }),
      { minLength: n, maxLength: n },
    ),
    { seed, numRuns: 1 },
  )[0]!;

/** What a gesture reaches: the page's controls shown now. */
const CONTROLS = 'button:visible, a[href^="#"]:visible, input:visible:not([type=file]), select:visible, textarea:visible, [tabindex="0"]:visible, summary:visible';

/** Do one gesture on one of `page`'s controls; false when it could not (the control went meanwhile). */
async function gesture(page: Page, g: Gesture, controls: Locator): Promise<boolean> {
  const all = await controls.all();
  if (!all.length) return false;
  const el = all[g.at % all.length]!;
  try {
    const { tag, type } = await el.evaluate((e) => ({ tag: e.tagName, type: e.getAttribute('type') ?? '' }), undefined, { timeout: 1000 });
    if (tag === 'SELECT') {
      const values = await el.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
      if (values.length) await el.selectOption(values[g.at % values.length]!, { timeout: 1000 });
    } else if ((tag === 'INPUT' && type !== 'checkbox' && type !== 'radio') || tag === 'TEXTAREA') {
      if (g.kind === 'click') await el.click({ timeout: 1000 });
      else if (type === 'date') await el.fill(['2026-12-01', '1999-01-01', '2030-02-28', ''][g.at % 4]!, { timeout: 1000 });
      else if (type === 'time') await el.fill(['00:00', '23:59', ''][g.at % 3]!, { timeout: 1000 });
      else await el.fill(type === 'number' ? String(Number.parseFloat(g.text) || '') : g.text, { timeout: 1000 });
      if (g.kind === 'key') await el.press(g.key, { timeout: 1000 });
    } else if (g.kind === 'key') {
      await el.focus({ timeout: 1000 });
      await page.keyboard.press(g.key);
    } else {
      await el.click({ timeout: 1000 });
    }
    return true;
  } catch {
    return false;
  }
}

test('a random walk through the dashboard, with data in every section, throws nothing and logs no error', async ({ options, extensionId }) => {
  test.setTimeout(240_000);
  const page = options.page;
  await page.goto(`chrome-extension://${extensionId}/options.html#analytics`);
  for (const [name, csv] of [['tweet_activity_metrics.csv', LEGACY_EN], ['account_analytics_content.csv', PREMIUM], ['account_overview_analytics.csv', OVERVIEW]] as const) {
    await page.getByTestId('analytics-input').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await expect(page.getByTestId('import-result').or(page.getByTestId('import-account'))).toContainText(name);
  }
  const now = Date.now();
  await putRecords(page, 'partners', [{ id: 'p-inria', handle: 'inria', name: 'Inria', category: 'institution', tags: ['num'], note: 'Tutelle', createdAt: now, updatedAt: now }]);
  await putRecords(page, 'topics', [
    { id: 't1', title: 'For the meeting', status: 'proposed', note: 'A note', tags: ['santé'], hashtags: ['#crispr'], createdAt: now, updatedAt: now },
    { id: 't2', title: 'Just seen', status: 'new', note: '', tags: [], hashtags: [], createdAt: now, updatedAt: now },
  ]);
  // (And one from 23:30 the day before yesterday to 00:01, across midnight: under both days in the history.)
  const midnight = new Date(now - 86_400_000).setHours(0, 0, 0, 0);
  await putRecords(page, 'veilleSessions', [
    { id: 's1', start: now - 3_600_000, end: now - 1_800_000, mode: 'manual' },
    { id: 's2', start: midnight - 1_800_000, end: midnight + 60_000, mode: 'auto' },
  ]);
  await putRecords(page, 'sources', [{ id: 'r1', label: '#chimie', url: 'https://x.com/search?q=%23chimie', order: 0, createdAt: now, updatedAt: now }]);
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(page.locator('.card')).toHaveCount(2);
  // Section by section (and the dialogs they open), so that each gets its share of the gestures.
  const sections = ['partners', 'topics', 'report', 'analytics', 'veille', 'backup', 'settings'];
  let done = 0;
  const walk = gestures(2026, 30 * sections.length);
  for (const [i, g] of walk.entries()) {
    const section = sections[Math.floor(i / 30)]!;
    if (i % 30 === 0) await page.locator(`#${section}`).scrollIntoViewIfNeeded();
    if (await gesture(page, g, page.locator(`#${section}, dialog[open]`).locator(CONTROLS))) done++;
  }
  // (Most gestures reached a control: the walk went through the page, not past it.)
  expect(done).toBeGreaterThan(150);
});

test("a random walk through Veille's overlays on an X timeline that X keeps changing throws nothing and logs no error", async ({ context, options, xPages }) => {
  test.setTimeout(240_000);
  const now = Date.now();
  await putRecords(options.page, 'partners', [
    { id: 'p1', handle: 'cnrs', name: 'CNRS', category: 'institution', tags: ['a'], note: 'n', createdAt: now, updatedAt: now },
    { id: 'p2', handle: 'univnantes', name: 'Nantes Université', category: 'academic', tags: [], note: '', createdAt: now, updatedAt: now },
  ]);
  const handles = ['cnrs', 'inria', 'UnivNantes', 'minesnantes', 'Labo_X'];
  let n = 0;
  /** A tweet of X's, each new one by another author, in another markup, quoting, liked or with media. */
  const tweet = (): TweetSpec => {
    n++;
    return {
      handle: handles[n % handles.length]!,
      id: String(1856000000000000000n + BigInt(n)),
      text: ['Hello #chimie', 'Voir https://example.org', 'Texte'][n % 3],
      counts: { replies: n % 50, reposts: (n * 7) % 50, likes: (n * 131) % 5000, views: (n * 7919) % 900000 },
      ...(n % 4 === 0 ? { markup: '2025' as const } : {}),
      ...(n % 5 === 0 ? { quote: { handle: handles[(n + 2) % handles.length]! } } : {}),
      ...(n % 6 === 0 ? { liked: true } : {}),
      ...(n % 7 === 0 ? { media: 'image' as const } : {}),
    };
  };
  const first = Array.from({ length: 8 }, tweet);
  xPages.set('/home', timelinePage(first));
  const x = await context.newPage();
  await x.goto('https://x.com/home');
  await expect(x.locator('[data-veille-tag]').first()).toBeAttached();
  // Two days later, the same tweets with more likes: each has a strip.
  await travelBack(options.page, 48);
  xPages.set('/home', timelinePage(first.map((t) => ({ ...t, counts: { ...t.counts!, likes: t.counts!.likes + 7 } }))));
  await x.goto('https://x.com/home');
  await expect(x.locator('[data-veille="strip"]').first()).toBeAttached();
  let done = 0;
  for (const g of gestures(2027, 200)) {
    if (g.x === 'recycle') {
      // X's virtual list gives a cell to another tweet.
      await x.evaluate(([html, at]) => {
        const cells = document.querySelectorAll('[data-testid="cellInnerDiv"]');
        const cell = cells[at % Math.max(1, cells.length)];
        if (cell) cell.outerHTML = html;
      }, [cellHtml(tweet(), g.at % 8), g.at] as const);
    } else if (g.x === 'counts') {
      await x.evaluate((at) => {
        const groups = document.querySelectorAll('[role="group"][aria-label]');
        const group = groups[at % Math.max(1, groups.length)];
        group?.setAttribute('aria-label', group.getAttribute('aria-label')!.replace(/(\d+) likes/, (_, d: string) => `${Number(d) + 3} likes`));
      }, g.at);
    } else if (g.x === 'profile' || g.x === 'home') {
      // In-page navigation, as X's router does.
      const handle = handles[g.at % handles.length]!;
      const html = (g.x === 'profile' ? profileHeaderHtml({ handle, name: handle, followers: ['5.1K', '12,000', '300'][g.at % 3]! }) : '') + [0, 1, 2].map((i) => cellHtml(tweet(), i)).join('');
      await x.evaluate(([html, path]) => {
        history.pushState({}, '', path);
        document.querySelector('.timeline')!.innerHTML = html;
      }, [html, g.x === 'profile' ? `/${handle}` : '/home'] as const);
    } else if (g.x === 'hover') {
      const tweets = await x.locator('article:visible').all();
      if (tweets.length) await tweets[g.at % tweets.length]!.hover({ timeout: 1000 }).catch(() => {});
    }
    if (await gesture(x, g, x.locator('button:visible, [role=button]:visible, [tabindex="0"]:visible, input:visible, select:visible, textarea:visible'))) done++;
  }
  expect(done).toBeGreaterThan(150);
});

test('a random walk through the popup over an X tab, opened again and again, throws nothing and logs no error', async ({ context, options, xPages, extensionId }) => {
  test.setTimeout(240_000);
  const now = Date.now();
  await putRecords(options.page, 'partners', [{ id: 'p1', handle: 'cnrs', name: 'CNRS', category: 'institution', tags: ['a'], note: 'n', createdAt: now, updatedAt: now }]);
  await putRecords(options.page, 'topics', [{ id: 't1', title: 'For the meeting', status: 'proposed', note: 'A note', tags: ['santé'], hashtags: ['#crispr'], createdAt: now, updatedAt: now }]);
  // (A place of the round that opens: "Next place" and the place's link open it in a new tab.)
  await context.route('https://example.org/**', (route) => route.fulfill({ contentType: 'text/html', body: '<title>JACS ASAP</title><p>page</p>' }));
  await putRecords(options.page, 'sources', [{ id: 'r1', label: 'JACS ASAP', url: 'https://example.org/jacs-asap', order: 0, createdAt: now, updatedAt: now }]);
  await putRecords(options.page, 'veilleSessions', [{ id: 's1', start: now - 3_600_000, end: now - 1_800_000, mode: 'manual' }]);
  xPages.set('/home', timelinePage(['cnrs', 'inria', 'UnivNantes'].map((handle, i) => ({ handle, id: String(1856000000000000000n + BigInt(i)), text: 'Hello #chimie' }))));
  const x = await context.newPage();
  await x.goto('https://x.com/home');
  await expect(x.locator('[data-veille-tag]').first()).toBeAttached();
  // (The popup is opened from the dashboard's page: Chrome may stop the worker while the CM types.
  // It shows once its parts are read.)
  const open = async () => {
    const popup = await openPopup(context, options.page, extensionId);
    await expect(popup.getByTestId('veille-toggle')).toBeVisible();
    return popup;
  };
  let popup = await open();
  let done = 0;
  for (const [i, g] of gestures(2028, 200).entries()) {
    // The popup closes itself (a place opened, a topic saved), and the CM opens it again.
    if (popup.isClosed() || i % 40 === 39) {
      if (!popup.isClosed()) await popup.close();
      popup = await open();
    }
    if (await gesture(popup, g, popup.locator(CONTROLS)).catch(() => false)) done++;
  }
  expect(done).toBeGreaterThan(150);
});
