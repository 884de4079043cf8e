/**
 * Small helpers to build overlay DOM without innerHTML: every text goes through textContent.
 */
import { t, uiLocale } from '@/lib/i18n';
import { errorText } from '@/lib/errors';
import { NO_ANSWER } from '@/lib/messaging';

/** The attribute every Veille node on X carries, with its kind as value. */
export const OURS = 'data-veille';

/** The font stack of every overlay (X's own font is not the page's to lend). */
export const FONTS = '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, Helvetica, Arial, sans-serif';
/** The overlays' border, written once (the content script's bytes are counted). */
export const BORDER = 'border:1px solid var(--line)';

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: (Node | string | null | false)[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  for (const c of children) if (c) el.append(c);
  return el;
}

const sheets = new Map<string, CSSStyleSheet | null>();
const ONE = Symbol('sheet list');

/** One constructed stylesheet per overlay kind, shared by all its shadow roots (null where unsupported). */
function sheetFor(css: string): CSSStyleSheet | null {
  if (!sheets.has(css)) {
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      sheets.set(css, sheet);
    } catch {
      sheets.set(css, null);
    }
  }
  return sheets.get(css)!;
}

/** Style a shadow root with `css`: the shared constructed sheet, or a style element where unsupported. */
function style(root: ShadowRoot, css: string): void {
  const sheet = sheetFor(css);
  try {
    // (One array per sheet, given to every root: the browser copies it.)
    if (sheet) return void (root.adoptedStyleSheets = (sheet as CSSStyleSheet & { [ONE]?: CSSStyleSheet[] })[ONE] ??= [sheet]);
  } catch {
    // Constructed stylesheets refused: a style element.
  }
  root.prepend(h('style', {}, css));
}

/** A host element with an open shadow root styled by `css`. */
export function shadowHost(kind: string, css: string, tag: 'div' | 'span' = 'div'): { host: HTMLElement; root: ShadowRoot } {
  const host = h(tag, { [OURS]: kind });
  const root = host.attachShadow({ mode: 'open' });
  style(root, css);
  return { host, root };
}

/** The id of the style element of the overlays drawn in X's DOM (see `documentStyle`). */
export const STYLE_ID = 'veille-overlay-style';

/**
 * The stylesheet of the overlays drawn in X's own DOM (partner tags and engagement strips, one per
 * tweet: without a shadow root each, they cost the page much less). One style element in the head,
 * put back if X drops it (see `ensure`), removed when the content script stops. `more`: the rules
 * that follow it (the overlays the CM hides), in place of the last ones.
 */
export function documentStyle(doc: Document, css: string, signal: AbortSignal): { ensure(): void; more(rules: string): void } {
  const el = doc.createElement('style');
  el.id = STYLE_ID;
  el.textContent = css;
  const ensure = () => {
    if (!el.isConnected && !signal.aborted) (doc.head ?? doc.documentElement).append(el);
  };
  ensure();
  signal.addEventListener('abort', () => el.remove());
  return {
    ensure,
    more(rules) {
      if (el.textContent !== css + rules) el.textContent = css + rules;
    },
  };
}

/** Put `el` in the shadow root as its content, in place of the previous content. */
export function setContent(root: ShadowRoot, el: Element): void {
  el.setAttribute('data-content', '');
  // (`:scope >` matches nothing in a shadow root: look at its children.)
  let old: Element | null = null;
  for (const child of root.children) if (child.hasAttribute('data-content')) old = child;
  if (old) old.replaceWith(el);
  else root.append(el);
}

/**
 * A value kept on nodes of X's page, under a symbol of this script's own: the content script's view
 * of X's nodes is its own (the page's scripts never see these values), and a value goes with its
 * node. Read and written for every tweet: cheaper than a WeakMap.
 */
export function nodeSlot<T>(): { get(node: Node): T | undefined; set(node: Node, value: T | undefined): void } {
  const key = Symbol('veille');
  return {
    get: (node) => (node as unknown as Record<symbol, T | undefined>)[key],
    set: (node, value) => {
      (node as unknown as Record<symbol, T | undefined>)[key] = value;
    },
  };
}

let dateFmt: Intl.DateTimeFormat | undefined;

/**
 * Format numbers like Intl.NumberFormat(locale) does ("12,345", "12 345"): Intl's separators are read
 * once, and the formatting itself is done here, as there are several figures on every strip.
 */
export function numberFormatter(locale: string): (n: number) => string {
  const intl = new Intl.NumberFormat(locale, { maximumFractionDigits: 20 });
  const parts = intl.formatToParts(12345.6);
  const group = parts.find((p) => p.type === 'group')?.value ?? '';
  const decimal = parts.find((p) => p.type === 'decimal')?.value ?? '.';
  // Some languages (Spanish, Polish …) do not group a number of four digits.
  const minDigits = intl.format(1234).includes(group) ? 4 : 5;
  return (n) => {
    // Most figures on a strip are small: nothing to group.
    if (Number.isInteger(n) && n > -1000 && n < 1000) return String(n);
    const [int, frac] = String(Math.abs(n)).split('.') as [string, string | undefined];
    let grouped = int;
    if (group && int.length >= minDigits) {
      const head = int.length % 3 || 3;
      grouped = int.slice(0, head);
      for (let i = head; i < int.length; i += 3) grouped += group + int.slice(i, i + 3);
    }
    return `${n < 0 ? '-' : ''}${grouped}${frac ? decimal + frac : ''}`;
  };
}

let fmt: ((n: number) => string) | undefined;
export const fmtNumber = (n: number) => (fmt ??= numberFormatter(uiLocale()))(n);
/** French counts 0 as one ("0 réponse"), English does not ("0 replies"). */
let zeroIsOne: boolean | undefined;
/**
 * The form of a message about `n` things in the extension's languages ("1 like", "0 likes"; "0 J’aime"),
 * without `Intl.PluralRules` on the content script's hot path.
 */
export function formOf(n: number): 'one' | 'other' {
  zeroIsOne ??= uiLocale().startsWith('fr');
  return n === 1 || (n === 0 && zeroIsOne) ? 'one' : 'other';
}
const dateFormat = () => (dateFmt ??= new Intl.DateTimeFormat(uiLocale(), { day: 'numeric', month: 'short', year: 'numeric' }));
/**
 * Make the formatters now. The first Intl formatter of a page takes 15 - 25 ms (Chromium, a 2-core
 * machine): called in a task of its own, this keeps that out of the first drawing's.
 */
export function prepareFormats(): void {
  fmt ??= numberFormatter(uiLocale());
  dateFormat();
}
const dates = new Map<number, string>();
/**
 * A day in the user's language ("Nov 12, 2026", "12 nov. 2026"), cached by quarter hour: time zones
 * are whole quarter hours off UTC, so a quarter hour never straddles a local midnight.
 */
export function fmtDate(t: number): string {
  const quarter = Math.floor(t / 900_000);
  let text = dates.get(quarter);
  if (text === undefined) {
    text = dateFormat().format(t);
    if (dates.size >= 5000) dates.clear();
    dates.set(quarter, text);
  }
  return text;
}

/** X's theme, from its background: light, dim (dark blue) or dark (black). */
export function xTheme(doc: Document): 'light' | 'dim' | 'dark' {
  // X puts its background on the body's style attribute; the computed style (which costs a style
  // recalc of the page) is read only where it does not. A transparent body shows the root's
  // background, and a transparent root the canvas: white.
  for (const el of [doc.body, doc.documentElement]) {
    const m = /(\d+),\s*(\d+),\s*(\d+)(,\s*0\))?/.exec(el.style.backgroundColor || getComputedStyle(el).backgroundColor);
    if (!m || m[4]) continue;
    const [r, g, b] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (r + g + b > 384) return 'light';
    return b > r + 15 ? 'dim' : 'dark';
  }
  return 'light';
}

/**
 * Colours for the three themes, as CSS custom properties. Text reads at a contrast of 4.5 or more
 * on the theme's backgrounds (X's and --bg): --on-accent on --accent, the rises (--up) and falls
 * (--down) of the strip and the card (X's own green and red are too light on white, its red too
 * dark on dim).
 */
const THEMES: Record<'light' | 'dim' | 'dark', string> = {
  light: /* css */ `--fg: #0f1419; --muted: #536471; --line: #cfd9de; --bg: #f7f9f9; --accent: #1d6fb8; --on-accent: #fff; --up: #075; --down: #c12;`,
  dim: /* css */ `--fg: #f7f9f9; --muted: #8b98a5; --line: #38444d; --bg: #1e2732; --accent: #4ea3f1; --on-accent: #000; --up: #0b7; --down: #f66;`,
  dark: /* css */ `--fg: #e7e9ea; --muted: #808589; --line: #2f3336; --bg: #16181c; --accent: #4ea3f1; --on-accent: #000; --up: #0b7; --down: #f66;`,
};

/** The themes' colours for the elements `selector` names (null: the light theme, the default). */
export function themeCss(selector: (theme: 'dim' | 'dark' | null) => string): string {
  return /* css */ `${selector(null)} { ${THEMES.light} }\n${selector('dim')} { ${THEMES.dim} }\n${selector('dark')} { ${THEMES.dark} }\n`;
}

/** The themes' colours on a shadow host with a data-theme attribute. */
export const THEME_CSS = themeCss((theme) => (theme ? `:host([data-theme=${theme}])` : ':host'));

/** A sparkline: an SVG polyline of values over time. */
export function sparkline(points: { t: number; v: number }[], width = 160, height = 32): SVGSVGElement {
  const NS = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(height));
  svg.setAttribute('aria-hidden', 'true');
  const t0 = points[0]?.t ?? 0;
  const t1 = points.at(-1)?.t ?? 1;
  const vs = points.map((p) => p.v);
  const lo = Math.min(...vs);
  const hi = Math.max(...vs);
  const x = (t: number) => (t1 === t0 ? width / 2 : ((t - t0) / (t1 - t0)) * (width - 4) + 2);
  const y = (v: number) => (hi === lo ? height / 2 : height - 3 - ((v - lo) / (hi - lo)) * (height - 6));
  const line = document.createElementNS(NS, 'polyline');
  line.setAttribute('points', points.map((p) => `${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`).join(' '));
  line.setAttribute('fill', 'none');
  line.setAttribute('stroke', 'currentColor');
  line.setAttribute('stroke-width', '1.5');
  svg.append(line);
  for (const p of points) {
    const dot = document.createElementNS(NS, 'circle');
    dot.setAttribute('cx', x(p.t).toFixed(1));
    dot.setAttribute('cy', y(p.v).toFixed(1));
    dot.setAttribute('r', '2');
    dot.setAttribute('fill', 'currentColor');
    svg.append(dot);
  }
  return svg;
}

/** What went wrong, said in the overlays: the worker's own words, or that it did not answer (`NO_ANSWER`). */
export function failed(err: unknown): string {
  const said = errorText(err);
  return t('err_unexpected', said === NO_ANSWER ? t(NO_ANSWER) : said);
}
