import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ENTRYPOINT, withoutLogger } from '../../scripts/quiet-logger';

/** WXT's own entrypoint module, as the build reads it. */
const source = readFileSync(resolve(fileURLToPath(new URL('../../node_modules/wxt/dist/virtual', import.meta.url)), `${ENTRYPOINT}.mjs`), 'utf8');

describe("the build step that takes WXT's silent logger out of the content script", () => {
  it("leaves WXT's entrypoint without its logger, still running main and throwing a crash", () => {
    expect(source).toContain('logger.error(');
    const out = withoutLogger(source);
    expect(out).not.toMatch(/\blogger\b/);
    expect(out).not.toContain('console');
    expect(out).toContain('await main(new ContentScriptContext(');
    expect(out).toMatch(/catch \(err\) \{\s*void \(`The content script[^`]*`, err\);\s*throw err;\s*\}/);
  });

  it('stops the build when WXT changed that module, rather than let the bytes come back unseen', () => {
    expect(() => withoutLogger(source.replace('//#region src/utils/internal/logger.ts', ''))).toThrow(/quiet-logger: WXT's content-script-isolated-world-entrypoint changed/);
    expect(() => withoutLogger(source.replace('logger.error(', 'logger.warn('))).toThrow(/changed/);
  });
});
