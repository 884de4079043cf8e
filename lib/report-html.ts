/**
 * The weekly report's Markdown (see `reportMarkdown`) as HTML, for the clipboard: pasted into an
 * e-mail, a shared document or a chat, the report keeps its headings, lists, links and table
 * instead of showing "##" and "[…](…)". Only the Markdown the report writes is read: headings,
 * paragraphs, "- " items (a line indented by two spaces continues the item above), tables,
 * `_emphasis_` lines, `[links](https://…)`, and characters escaped by a backslash.
 */

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A link's text: escaped characters and brackets inside it included. */
const LINK = /\[((?:\\.|[^\]\\])*)\]\((https?:\/\/[^\s)]+)\)/g;

/** One line's text, its links made links and its escapes undone. */
function inline(text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(LINK)) {
    out += plain(text.slice(last, m.index));
    out += `<a href="${escapeHtml(m[2]!)}">${plain(m[1]!)}</a>`;
    last = m.index + m[0].length;
  }
  return out + plain(text.slice(last));
}

/** Text without markup: a backslash keeps the character after it as it is. */
function plain(text: string): string {
  return escapeHtml(text.replace(/\\(.)/g, '$1'));
}

/** A whole line in `_…_`: emphasised. */
function emphasised(line: string): string {
  const m = /^_(.+)_$/.exec(line);
  return m ? `<em>${inline(m[1]!)}</em>` : inline(line);
}

/** The cells of a table's row, "|" escaped in them kept. */
function cells(line: string): string[] {
  return line
    .replace(/^\||\|$/g, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());
}

export function reportHtml(markdown: string): string {
  const out: string[] = [];
  const lines = markdown.split('\n');
  let list: string[] | null = null;
  const endList = () => {
    if (list) out.push(`<ul>${list.map((li) => `<li>${li}</li>`).join('')}</ul>`);
    list = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith('- ')) {
      (list ??= []).push(inline(line.slice(2)));
      continue;
    }
    if (list && line.startsWith('  ') && line.trim()) {
      list[list.length - 1] += `<br>${inline(line.trim())}`;
      continue;
    }
    endList();
    const heading = /^(#{1,3}) (.*)$/.exec(line);
    if (heading) {
      const n = heading[1]!.length;
      out.push(`<h${n}>${inline(heading[2]!)}</h${n}>`);
    } else if (line.startsWith('|')) {
      // A header row, the row of alignments, then the body's rows.
      const head = cells(line);
      const align = lines[i + 1]?.startsWith('|') ? cells(lines[++i]!).map((c) => (c.endsWith(':') ? 'right' : 'left')) : [];
      const body: string[][] = [];
      while (lines[i + 1]?.startsWith('|')) body.push(cells(lines[++i]!));
      const cell = (tag: 'th' | 'td', c: string, k: number) => `<${tag} style="text-align:${align[k] ?? 'left'};padding:2px 8px">${inline(c)}</${tag}>`;
      out.push(
        `<table style="border-collapse:collapse"><thead><tr>${head.map((c, k) => cell('th', c, k)).join('')}</tr></thead><tbody>${body
          .map((row) => `<tr>${row.map((c, k) => cell('td', c, k)).join('')}</tr>`)
          .join('')}</tbody></table>`,
      );
    } else if (line.trim()) out.push(`<p>${emphasised(line)}</p>`);
  }
  endList();
  return out.join('\n');
}
