/**
 * npm run bench:import: import throughput of a generated 50,000-row analytics export through the
 * options page, in Chromium with the built extension. Prints one JSON line: rows per second, the
 * page's longest task during the import (the page must never freeze), and then the dashboard's: its
 * longest task and how long it took to show the new rows.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchWithExtension } from '../tests/e2e/fixtures';

const ROWS = Number(process.env.BENCH_ROWS ?? 50_000);

function generate(rows: number): string {
  const header =
    '"Tweet id","Tweet permalink","Tweet text","time","impressions","engagements","engagement rate","retweets","replies","likes","user profile clicks","url clicks","hashtag clicks","detail expands","permalink clicks","media views","media engagements"';
  const lines = [header];
  const start = Date.UTC(2025, 0, 1);
  for (let i = 0; i < rows; i++) {
    const id = (1_800_000_000_000_000_000n + BigInt(i)).toString();
    const t = new Date(start + i * 600_000);
    const time = `${t.getUTCFullYear()}-${String(t.getUTCMonth() + 1).padStart(2, '0')}-${String(t.getUTCDate()).padStart(2, '0')} ${String(t.getUTCHours()).padStart(2, '0')}:${String(t.getUTCMinutes()).padStart(2, '0')} +0000`;
    const imp = 100 + (i % 5000);
    const eng = i % 97;
    lines.push(`"${id}","https://twitter.com/ChimieCNRS/status/${id}","Tweet ${i} avec @UnivNantes #chimie","${time}","${imp}.0","${eng}.0","${eng / imp}","${i % 7}.0","${i % 3}.0","${i % 50}.0","0.0","${i % 11}.0","0.0","${i % 13}.0","0.0","${i % 2 ? 0 : 40}","0"`);
  }
  return `${lines.join('\n')}\n`;
}

async function main(): Promise<void> {
  const csv = generate(ROWS);
  console.log(`Import benchmark: ${ROWS} rows, ${(csv.length / 1e6).toFixed(1)} MB`);
  const fileDir = mkdtempSync(join(tmpdir(), 'veille-import-'));
  const file = join(fileDir, 'tweet_activity_metrics_big_en.csv');
  writeFileSync(file, csv);
  const { context, dir } = await launchWithExtension();
  try {
    await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const page = await context.newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { __tasks: [number, number][] };
      w.__tasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__tasks.push([e.startTime, e.duration]);
      }).observe({ type: 'longtask', buffered: false });
    });
    await page.goto(`chrome-extension://${new URL(worker.url()).host}/options.html#analytics`);
    await page.locator('h1').waitFor();
    type Tasks = { __tasks: [number, number][] };
    await page.evaluate(() => ((window as unknown as Tasks).__tasks = []));
    const t0 = Date.now();
    await page.getByTestId('analytics-input').setInputFiles(file);
    await page.getByTestId('import-result').waitFor({ timeout: 600_000 });
    const seconds = (Date.now() - t0) / 1000;
    const importedAt = await page.evaluate(() => performance.now());
    const text = await page.getByTestId('import-result').textContent();
    // Then the dashboard reads the new rows and draws them.
    await page.getByTestId('dash-totals').filter({ hasText: new RegExp(`^${ROWS.toLocaleString('en-US')} tweets`) }).waitFor({ timeout: 120_000 });
    const dashboardMs = (await page.evaluate(() => performance.now())) - importedAt;
    await page.waitForTimeout(1500);
    const tasks = await page.evaluate(() => (window as unknown as Tasks).__tasks);
    const longest = (list: [number, number][]) => Math.round(Math.max(0, ...list.map(([, d]) => d)));
    console.log(text);
    console.log(
      JSON.stringify({
        rows: ROWS,
        seconds: Math.round(seconds * 100) / 100,
        rowsPerSecond: Math.round(ROWS / seconds),
        // The page's longest task while the file was read and stored, and then while the dashboard
        // read and drew the new rows (and how long until it showed them).
        longestTaskMs: longest(tasks.filter(([start]) => start < importedAt)),
        longestDashboardTaskMs: longest(tasks.filter(([start]) => start >= importedAt)),
        dashboardMs: Math.round(dashboardMs),
      }),
    );
  } finally {
    await context.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(fileDir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
