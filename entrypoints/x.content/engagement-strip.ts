/**
 * The engagement strip under a tweet's action bar: its latest figures (exact where X shows them
 * abbreviated), the change since Veille first saw it, its analytics when imported, and on hover or
 * focus a history chart with dates. It sits below X's buttons, never over them.
 */
import { t, type MessageKey } from '@/lib/i18n';
import type { TweetData } from '@/lib/protocol';
import type { Metric } from '@/lib/x/counts';
import type { TweetCounts } from '@/lib/x/adapter';
import { BORDER, FONTS, OURS, fmtDate, fmtNumber, formOf, h, nodeSlot, sparkline, themeCss } from './dom';

/** What a strip matches (every rule of its stylesheet starts from it). */
export const STRIP = '[data-veille=strip]';
/**
 * The strips' styles, in the page's overlay stylesheet (see `documentStyle`). A strip lives in X's
 * DOM, without a shadow root (one per tweet costs the page too much), yet isolated both ways: every
 * rule starts from the strip's own attribute, and the strip and its parts reset whatever X's styles
 * would give them (all: initial, all: unset) before their own rules apply. A strip is positioned,
 * which gives it a paint layer of its own, only while its chart shows.
 */
export const STRIP_CSS = /* css */ `${themeCss((theme) => (theme ? `${STRIP}[data-theme=${theme}]` : STRIP))}
${STRIP} {
  all: initial; box-sizing: border-box; display: flex; flex-wrap: wrap; gap: 2px 10px; align-items: baseline;
  margin: 6px 0 2px; padding: 3px 8px; border-radius: 8px; ${BORDER}; color: var(--fg);
  font: 600 12px/18px ${FONTS};
}
${STRIP} > * { all: unset; font-weight: 400; }
${STRIP}:focus-visible { outline: 2px solid var(--accent); }
${STRIP}::before { content: "Veille"; color: var(--accent); font-weight: 700; }
${STRIP} > .up { color: var(--up); } ${STRIP} > .down { color: var(--down); }
${STRIP} > .chart { display: none; position: absolute; inset: 0 8px; background: var(--bg); align-items: center; gap: 8px; color: var(--accent); overflow: hidden; }
${STRIP} > .chart > svg { height: 100%; }
${STRIP} > .chart > span { color: var(--muted); }
${STRIP}:hover > .chart, ${STRIP}:focus-within > .chart { display: flex; }
${STRIP}:hover, ${STRIP}:focus-within { position: relative; }
`;

const SHOWN: Metric[] = ['likes', 'reposts', 'replies', 'bookmarks', 'views'];

type Point = TweetData['history'][number];

/** What a strip shows, from what is stored and what the page shows now. Pure, for tests. */
export function stripModel(data: TweetData, live: TweetCounts | null, now: number) {
  const last = data.history.at(-1);
  // What the page shows now, or else what was stored last. (No object spreads: this runs for every strip.)
  const latest: Point = { t: live ? now : (last?.t ?? now) };
  for (const m of SHOWN) {
    const v = live?.values[m] ?? last?.[m];
    if (v !== undefined) latest[m] = v;
  }
  const first = data.history[0];
  const changes: { metric: Metric; delta: number }[] = [];
  if (first && first.t < latest.t) {
    for (const m of SHOWN) {
      const a = first[m];
      const b = latest[m];
      if (a !== undefined && b !== undefined && b !== a) changes.push({ metric: m, delta: b - a });
    }
  }
  return { latest, since: first && changes.length ? first.t : undefined, changes, analytics: data.analytics };
}

/** The history chart's points: likes (or views when likes are never known), stored and shown now. */
export function chartOf(data: TweetData, live: TweetCounts | null, now: number) {
  const lastT = data.history.at(-1)?.t ?? 0;
  const series = live && now > lastT ? [...data.history, { ...data.history.at(-1), ...live.values, t: now }] : data.history;
  const metric: Metric = series.some((p) => p.likes !== undefined) ? 'likes' : 'views';
  return { metric, points: series.flatMap((p) => (p[metric] === undefined ? [] : [{ t: p.t, v: p[metric]! }])) };
}

/** The word of each metric for several and for one ("likes", "like"), each looked up once. */
const words = [new Map<Metric, string>(), new Map<Metric, string>()] as const;
/** The word of a metric for `n` of it (for several when `n` is not given). */
export function word(m: Metric, n?: number): string {
  const one = n !== undefined && formOf(n) === 'one' ? 1 : 0;
  let w = words[one].get(m);
  if (w === undefined) words[one].set(m, (w = t(`m_${m}_${one ? 'one' : 'other'}` as MessageKey)));
  return w;
}

/**
 * The parts of a strip, built once and copied. A strip is drawn for every tweet with data and every
 * node made costs the page, so a strip has only the parts it shows: the figures always, the change
 * and the analytics when there are any. (The brand is drawn by CSS; the strip's label names it.)
 */
let parts: Record<'change' | 'analytics', Element> | undefined;
function part(name: 'change' | 'analytics'): Element {
  parts ??= { change: h('span', { 'data-part': 'change' }), analytics: h('span', { 'data-part': 'analytics' }) };
  return parts[name].cloneNode(true) as Element;
}

/** A strip's skeleton for each theme (its figures are its first text), to copy. */
const templates = new Map<string, HTMLElement>();
function newStrip(theme: string): HTMLElement {
  let template = templates.get(theme);
  if (!template) {
    template = h('div', { [OURS]: 'strip', 'data-theme': theme, tabindex: '0', role: 'group', 'aria-label': t('strip_label') });
    templates.set(theme, template);
  }
  return template.cloneNode() as HTMLElement;
}

/** Tweet → its strip (to remove it if X moves the action bar). */
const strips = nodeSlot<HTMLElement>();

/** Strip → what it shows, and its history for the chart drawn on demand. */
const shown = nodeSlot<{ state: string; data: TweetData; live: TweetCounts | null; at: number }>();

/** Fill `strip` (a copy of its skeleton, empty) with what it shows: the figures as its own text, then its parts. */
function render(data: TweetData, live: TweetCounts | null, strip: Element, now: number): void {
  const m = stripModel(data, live, now);
  let figures = '';
  for (const metric of SHOWN) {
    const v = m.latest[metric];
    if (v !== undefined) figures += `${figures ? ' · ' : ''}${live?.approximate.includes(metric) ? '≥ ' : ''}${fmtNumber(v)} ${word(metric, v)}`;
  }
  strip.textContent = figures;
  if (m.since !== undefined) {
    let text = '';
    let up = false;
    let down = false;
    for (let i = 0; i < m.changes.length && i < 3; i++) {
      const c = m.changes[i]!;
      if (c.delta > 0) up = true;
      else down = true;
      text += `${i ? ', ' : ''}${c.delta > 0 ? '+' : '−'}${fmtNumber(Math.abs(c.delta))} ${word(c.metric, Math.abs(c.delta))}`;
    }
    const el = part('change');
    // Green when every change shown is a rise, red when every one is a fall; mixed, the strip's own colour.
    if (up !== down) el.className = up ? 'up' : 'down';
    el.textContent = `${text} ${t('strip_since', fmtDate(m.since))}`;
    strip.append(el);
  }
  const a = m.analytics;
  if (a) {
    const texts: string[] = [];
    if (a.impressions !== undefined) texts.push(`${t('a_impressions')} ${fmtNumber(a.impressions)}`);
    if (a.engagementRate !== undefined) texts.push(`${t('a_rate')} ${fmtNumber(Math.round(a.engagementRate * 1000) / 10)} %`);
    if (a.engagements !== undefined) texts.push(`${t('a_engagements')} ${fmtNumber(a.engagements)}`);
    if (a.urlClicks !== undefined) texts.push(`${t('a_clicks')} ${fmtNumber(a.urlClicks)}`);
    if (texts.length) {
      const el = part('analytics');
      el.textContent = texts.join(' · ');
      strip.append(el);
    }
  }
}

/**
 * The history chart of the tweet's strip, drawn when first wanted: when the CM points at or focuses
 * the tweet (most strips are never opened). It shows on hover or focus of the strip, over the
 * strip's own figures: the tweet keeps its height (X's list would move every tweet below it).
 */
export function drawChart(article: Element): void {
  const strip = strips.get(article);
  const s = strip && shown.get(strip);
  if (!s || !strip || strip.querySelector('.chart')) return;
  const { metric, points } = chartOf(s.data, s.live, s.at);
  if (points.length < 2) return;
  const first = points[0]!;
  const last = points.at(-1)!;
  const label = t('strip_chart', word(metric), fmtDate(first.t), fmtNumber(first.v), fmtDate(last.t), fmtNumber(last.v));
  strip.append(h('div', { class: 'chart', role: 'img', 'aria-label': label }, sparkline(points), h('span', {}, label)));
}

/**
 * Where a strip goes: right after the action bar, or after the block around it that lies in the
 * same element as the tweet's author block. X can drop the strip only by rendering that element
 * anew, and then the author block is new too: the browser tells of it, and the tweet is redrawn
 * (see SEEN in overlays.ts).
 */
export function stripPlace(bar: Element, author: Element): Element {
  let place = bar;
  for (let p = bar.parentElement; p && !p.contains(author); p = p.parentElement) place = p;
  return place;
}

/**
 * Put the strip for `data` below `bar` (the tweet's action bar; `author`: its author block), or
 * remove it when there is no data. True when the tweet shows a strip.
 */
export function applyStrip(article: Element, bar: Element | null, author: Element, data: TweetData | undefined, live: TweetCounts | null, theme: string): boolean {
  // The strip stands right after its place (stripPlace); elsewhere it is stale (X re-rendered the
  // tweet). (A tweet never drawn has no strip: its action bar is not looked at.)
  const previous = strips.get(article);
  const place = bar && (previous || data) ? stripPlace(bar, author) : null;
  const current = previous && place && place.nextElementSibling === previous ? previous : null;
  if (previous && !current) previous.remove();
  if (!data || !bar) {
    current?.remove();
    strips.set(article, undefined);
    return false;
  }
  const v = live?.values;
  const state = `${data.tweetId}|${data.history.length}|${data.analytics?.t}|${v?.likes}|${v?.reposts}|${v?.replies}|${v?.bookmarks}|${v?.views}|${theme}`;
  if (current && shown.get(current)?.state === state) return true;
  // A new strip, or a new one in place of the old, is filled before it goes in the page.
  const now = Date.now();
  const strip = newStrip(theme);
  render(data, live, strip, now);
  if (current) current.replaceWith(strip);
  else place!.after(strip);
  strips.set(article, strip);
  shown.set(strip, { state, data, live, at: now });
  return true;
}
