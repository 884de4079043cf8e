/**
 * A build step for the content script's byte budget: the CSS it writes in template literals marked
 * with a `/* css *\/` comment loses the spaces CSS does not need (indentation, line breaks, spaces
 * around braces, semicolons, commas, child combinators and after colons) and the semicolon a rule
 * ends with. What the literal computes (its `${…}` parts) and quoted strings are left as written;
 * unit tests run the source unchanged.
 */
import type { Plugin } from 'vite';

const MARK = '/* css */';

/** CSS text without the spaces it does not need. Quoted strings are kept as they are. */
export function squeezeCss(text: string): string {
  return text
    .split(/("[^"]*"|'[^']*')/)
    .map((part, i) => (i % 2 ? part : part.replace(/\s+/g, ' ').replace(/ ?([{};,>]) ?/g, '$1').replace(/: /g, ':').replace(/;}/g, '}')))
    .join('');
}

/** The index after the `}` that closes the expression starting at `i` (just after its `${`). */
function expressionEnd(code: string, i: number): number {
  let depth = 0;
  while (i < code.length) {
    const c = code[i]!;
    if (c === '`') i = templateEnd(code, i + 1);
    else if (c === '"' || c === "'") {
      for (i++; i < code.length && code[i] !== c; i += code[i] === '\\' ? 2 : 1);
      i++;
    } else if (c === '}' && depth-- === 0) return i + 1;
    else {
      if (c === '{') depth++;
      i++;
    }
  }
  throw new Error('css-templates: an expression is not closed');
}

/** The index after the backtick that closes the template literal whose text starts at `i`. */
function templateEnd(code: string, i: number): number {
  while (i < code.length) {
    const c = code[i]!;
    if (c === '\\') i += 2;
    else if (c === '`') return i + 1;
    else if (code.startsWith('${', i)) i = expressionEnd(code, i + 2);
    else i++;
  }
  throw new Error('css-templates: a template literal is not closed');
}

/** The source with the text of every template literal marked `/* css *\/` squeezed. */
export function squeezeCssTemplates(code: string): string {
  let out = '';
  let from = 0;
  for (let at = code.indexOf(MARK); at >= 0; at = code.indexOf(MARK, from)) {
    let i = at + MARK.length;
    while (/\s/.test(code[i] ?? '')) i++;
    if (code[i] !== '`') throw new Error(`css-templates: ${MARK} is not followed by a template literal`);
    out += code.slice(from, ++i);
    let text = '';
    while (code[i] !== '`') {
      if (i >= code.length) throw new Error('css-templates: a template literal is not closed');
      if (code[i] === '\\') {
        text += code.slice(i, i + 2);
        i += 2;
      } else if (code.startsWith('${', i)) {
        // (A marked literal inside the expression is squeezed too.)
        const end = expressionEnd(code, i + 2);
        out += `${squeezeCss(text)}\${${squeezeCssTemplates(code.slice(i + 2, end - 1))}}`;
        text = '';
        i = end;
      } else text += code[i++];
    }
    out += `${squeezeCss(text)}\``;
    from = i + 1;
  }
  return out + code.slice(from);
}

/** The Vite plugin: runs on the project's TypeScript before it is compiled (comments are still there). */
export function cssTemplates(): Plugin {
  return {
    name: 'veille-css-templates',
    enforce: 'pre',
    transform(code, id) {
      if (id.includes('/node_modules/') || !/\.tsx?$/.test(id) || !code.includes(MARK)) return null;
      return { code: squeezeCssTemplates(code), map: null };
    },
  };
}
