import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { squeezeCss, squeezeCssTemplates } from '../../scripts/css-templates';

describe('the build step that squeezes the content script CSS', () => {
  it('drops the spaces CSS does not need, and keeps descendant combinators and quoted strings', () => {
    expect(squeezeCss('\n.card {\n  border: 1px solid var(--line);  color: red;\n}\n.a > b, .c .d:hover { content: "a, b > c"; }\n')).toBe(
      ' .card{border:1px solid var(--line);color:red}.a>b,.c .d:hover{content:"a, b > c"}',
    );
  });

  it('squeezes only marked template literals, their text and not their expressions', () => {
    const source = [
      'const plain = `a {  b: c; }`;',
      "const CSS = /* css */ `${THEME} {\n  color: ${x ? 'a  b' : `c  d`};\n}\n${A} ${B} { x: y; }`;",
      'const after = `  kept  `;',
    ].join('\n');
    expect(squeezeCssTemplates(source)).toBe(
      ['const plain = `a {  b: c; }`;', "const CSS = /* css */ `${THEME}{color:${x ? 'a  b' : `c  d`}}${A} ${B}{x:y}`;", 'const after = `  kept  `;'].join(
        '\n',
      ),
    );
  });

  it('squeezes a marked literal inside the expression of another, and keeps escapes', () => {
    expect(squeezeCssTemplates('x = /* css */ `a { ${list.map((c) => /* css */ `.c-${c} { b: c; }`).join("\\n")} }\\n`')).toBe(
      'x = /* css */ `a{${list.map((c) => /* css */ `.c-${c}{b:c}`).join("\\n")}}\\n`',
    );
  });

  it('says so when a mark is not followed by a template literal, or the literal is not closed', () => {
    expect(() => squeezeCssTemplates("const a = /* css */ 'a { b: c }';")).toThrow(/not followed by a template literal/);
    expect(() => squeezeCssTemplates('const a = /* css */ `a { ${b }')).toThrow(/not closed/);
  });

  it('finds a template literal after every mark in the content script', () => {
    const dir = join(__dirname, '../../entrypoints/x.content');
    let marks = 0;
    for (const file of readdirSync(dir)) {
      const code = readFileSync(join(dir, file), 'utf8');
      marks += code.split('/* css */').length - 1;
      const squeezed = squeezeCssTemplates(code);
      expect(squeezed.length, file).toBeLessThanOrEqual(code.length);
    }
    expect(marks).toBeGreaterThan(5);
  });
});
