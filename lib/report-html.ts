/**
 * The weekly report's Markdown (see `reportMarkdown`) read back into blocks: the dashboard draws
 * them as a document, and `reportHtml` writes them as HTML for the clipboard (pasted into an
 * e-mail, a shared document or a chat, the report keeps its headings, lists, links and table
 * instead of showing "##" and "[…](…)"). Only the Markdown the report writes is read: headings,
 * paragraphs, "- " items (a line indented by two spaces continues the item above), tables,
 * `_emphasis_` lines, `[links](https://…)`, and characters escaped by a backslash.
 */

/** A run of text, or a link. */
export type Inline = { text: string; href?: string };

/** A line of text: its runs. */
export type Line = Inline[];

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; line: Line }
  | { kind: 'paragraph'; emphasis: boolean; line: Line }
  /** Each item, its lines (a topic, then its note). */
  | { kind: 'list'; items: Line[][] }
  | { kind: 'table'; align: ('left' | 'right')[]; head: Line[]; rows: Line[][] };

/** A link's text: escaped characters and brackets inside it included. */
const LINK = /\[((?:\\.|[^\]\\])*)\]\((https?:\/\/[^\s)]+)\)/g;

/** Text without markup: a backslash keeps the character after it as it is. */
const plain = (text: string) => text.replace(/\\(.)/g, '$1');

/** One line's runs: its links made links, its escapes undone. */
function inline(text: string): Line {
  const out: Line = [];
  let last = 0;
  const push = (s: string) => s && out.push({ text: plain(s) });
  for (const m of text.matchAll(LINK)) {
    push(text.slice(last, m.index));
    out.push({ text: plain(m[1]!), href: m[2]! });
    last = m.index + m[0].length;
  }
  push(text.slice(last));
  return out;
}

/** The cells of a table's row, "|" escaped in them kept. */
function cells(line: string): string[] {
  return line
    .replace(/^\||\|$/g, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());
}

export function reportBlocks(markdown: string): Block[] {
  const out: Block[] = [];
  const lines = markdown.split('\n');
  let list: Line[][] | null = null;
  const endList = () => {
    if (list) out.push({ kind: 'list', items: list });
    list = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith('- ')) {
      (list ??= []).push([inline(line.slice(2))]);
      continue;
    }
    if (list && line.startsWith('  ') && line.trim()) {
      list[list.length - 1]!.push(inline(line.trim()));
      continue;
    }
    endList();
    const heading = /^(#{1,3}) (.*)$/.exec(line);
    if (heading) {
      out.push({ kind: 'heading', level: heading[1]!.length as 1 | 2 | 3, line: inline(heading[2]!) });
    } else if (line.startsWith('|')) {
      // A header row, the row of alignments, then the body's rows.
      const head = cells(line).map(inline);
      const align = lines[i + 1]?.startsWith('|') ? cells(lines[++i]!).map((c): 'left' | 'right' => (c.endsWith(':') ? 'right' : 'left')) : [];
      const rows: Line[][] = [];
      while (lines[i + 1]?.startsWith('|')) rows.push(cells(lines[++i]!).map(inline));
      out.push({ kind: 'table', align, head, rows });
    } else if (line.trim()) {
      // A whole line in `_…_`: emphasised.
      const m = /^_(.+)_$/.exec(line);
      out.push({ kind: 'paragraph', emphasis: !!m, line: inline(m ? m[1]! : line) });
    }
  }
  endList();
  return out;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const lineHtml = (line: Line) => line.map((r) => (r.href === undefined ? escapeHtml(r.text) : `<a href="${escapeHtml(r.href)}">${escapeHtml(r.text)}</a>`)).join('');

export function reportHtml(markdown: string): string {
  return reportBlocks(markdown)
    .map((b) => {
      switch (b.kind) {
        case 'heading':
          return `<h${b.level}>${lineHtml(b.line)}</h${b.level}>`;
        case 'paragraph':
          return `<p>${b.emphasis ? `<em>${lineHtml(b.line)}</em>` : lineHtml(b.line)}</p>`;
        case 'list':
          return `<ul>${b.items.map((item) => `<li>${item.map(lineHtml).join('<br>')}</li>`).join('')}</ul>`;
        case 'table': {
          const cell = (tag: 'th' | 'td', c: Line, k: number) => `<${tag} style="text-align:${b.align[k] ?? 'left'};padding:2px 8px">${lineHtml(c)}</${tag}>`;
          return `<table style="border-collapse:collapse"><thead><tr>${b.head.map((c, k) => cell('th', c, k)).join('')}</tr></thead><tbody>${b.rows
            .map((row) => `<tr>${row.map((c, k) => cell('td', c, k)).join('')}</tr>`)
            .join('')}</tbody></table>`;
        }
      }
    })
    .join('\n');
}
