import { chromium } from '@playwright/test';
import { chromiumPath } from '../tests/e2e/fixtures';
const b = await chromium.launch({ executablePath: chromiumPath(), headless: true });
for (const css of ['', '.a{animation:vs 1s paused}', '.a{animation:vs 1ms}']) {
  const p = await b.newPage();
  await p.setContent(`<style>@keyframes vs{} ${css}</style><div id=t></div>`);
  await p.evaluate(`(() => { const t = document.getElementById('t'); for (let i = 0; i < 2000; i++) { const a = document.createElement('div'); a.className = 'a'; a.textContent = 'x' + i; t.append(a); } })()`);
  await p.waitForTimeout(500);
  const cdp = await p.context().newCDPSession(p);
  await cdp.send('Performance.enable');
  const get = async () => Object.fromEntries(((await cdp.send('Performance.getMetrics')) as any).metrics.map((m: any) => [m.name, m.value]));
  const a = await get();
  await p.waitForTimeout(2000);
  const z = await get();
  console.log(JSON.stringify(css), 'anims', await p.evaluate('document.getAnimations().length'), ['RecalcStyleCount', 'LayoutCount', 'TaskDuration', 'ScriptDuration', 'RecalcStyleDuration'].map((k) => `${k} ${(z[k] - a[k]).toFixed(4)}`).join(' '));
  await p.close();
}
await b.close();
