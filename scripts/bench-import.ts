/**
 * npm run bench:import: import throughput of a generated 50,000-row analytics export through the
 * options page, in Chromium with the built extension. Prints one JSON line: rows per second, and
 * the page's longest task during the import (the page must never freeze).
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
      const w = window as unknown as { __longest: number };
      w.__longest = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__longest = Math.max(w.__longest, e.duration);
      }).observe({ type: 'longtask', buffered: false });
    });
    await page.goto(`chrome-extension://${new URL(worker.url()).host}/options.html#analytics`);
    await page.locator('h1').waitFor();
    await page.evaluate(() => ((window as unknown as { __longest: number }).__longest = 0));
    const t0 = Date.now();
    // From a file on disk, as a person picks it: the browser reads it, no page script does.
    await page.getByTestId('analytics-input').setInputFiles(file);
    await page.getByTestId('import-result').waitFor({ timeout: 600_000 });
    const seconds = (Date.now() - t0) / 1000;
    const text = await page.getByTestId('import-result').textContent();
    // Let the dashboard redraw over the new data before reading the longest task.
    await page.waitForTimeout(1500);
    const longestTaskMs = await page.evaluate(() => (window as unknown as { __longest: number }).__longest);
    console.log(text);
    console.log(JSON.stringify({ rows: ROWS, seconds: Math.round(seconds * 100) / 100, rowsPerSecond: Math.round(ROWS / seconds), longestTaskMs: Math.round(longestTaskMs) }));
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
