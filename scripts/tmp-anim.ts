import { chromium } from '@playwright/test';
import { chromiumPath } from '../tests/e2e/fixtures';
const b = await chromium.launch({ executablePath: chromiumPath(), headless: true });
const p = await b.newPage();
await p.setContent(`<style>@keyframes vs{} .a{animation:vs 1s paused}</style><div id=t></div>`);
const r = await p.evaluate(`(async () => {
  const out = [];
  let frame = 0;
  const tick = () => { frame++; out.push('tick '+frame+' '+performance.now().toFixed(1)); requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
  document.addEventListener("animationend", () => out.push("END")); document.addEventListener("animationcancel", () => out.push("CANCEL")); document.addEventListener('animationstart', (e) => { out.push('start '+performance.now().toFixed(1)); requestAnimationFrame(() => out.push('raf from event '+performance.now().toFixed(1))); Promise.resolve().then(() => out.push('microtask '+performance.now().toFixed(1))); });
  await new Promise((r) => requestAnimationFrame(r));
  await new Promise((r) => requestAnimationFrame(() => {
    out.push('insert at frame ' + frame+' '+performance.now().toFixed(1));
    const a = document.createElement('div'); a.className = 'a'; a.textContent='a';
    const b = document.createElement('div'); b.className = 'a'; b.textContent='b';
    document.getElementById('t').append(a, b);
    r();
  }));
  await new Promise((r) => setTimeout(r, 1300));
  return out;
})()`);
console.log((r as string[]).join('\n'));
await b.close();
