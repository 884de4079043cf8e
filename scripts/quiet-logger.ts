/**
 * A build step for the content script's byte budget. WXT's content script entrypoint wraps `main`
 * with a console logger that, in a production build, prints nothing (its `print` returns at once);
 * the minifier cannot see that, and keeps the logger's four methods and its crash message: 179
 * bytes of the 40,000. In a production build this step takes the logger out of that one module
 * (the crash is still thrown, as WXT does). Other builds (`wxt` in development) keep it.
 */
import type { Plugin } from 'vite';

/** WXT's module that runs a content script (in the isolated world, as Veille's does). */
export const ENTRYPOINT = 'content-script-isolated-world-entrypoint';
const REGION = '//#region src/utils/internal/logger.ts';
const END = '//#endregion';
const CALL = 'logger.error(';

/** The entrypoint's source without its logger: the calls keep their arguments' effects, and print nothing. */
export function withoutLogger(code: string): string {
  const start = code.indexOf(REGION);
  const end = start < 0 ? -1 : code.indexOf(END, start);
  const rest = end < 0 ? '' : code.slice(end + END.length);
  if (end < 0 || !rest.includes(CALL) || /\blogger\.(?!error\()/.test(rest)) {
    throw new Error(`quiet-logger: WXT's ${ENTRYPOINT} changed; see scripts/quiet-logger.ts`);
  }
  return code.slice(0, start) + rest.replaceAll(CALL, 'void (');
}

/** The Vite plugin. */
export function quietLogger(): Plugin {
  let production = false;
  return {
    name: 'veille-quiet-logger',
    configResolved(config) {
      production = config.mode === 'production';
    },
    transform(code, id) {
      if (!production || !id.includes(ENTRYPOINT)) return null;
      return { code: withoutLogger(code), map: null };
    },
  };
}
