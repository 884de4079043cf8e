import { errorCause, errorText } from '@/lib/errors';
import { t, type MessageKey } from '@/lib/i18n';

// (Not in lib/errors.ts, which the import's and the backup's workers load: the browser's messages,
// and the extension API under them, are not there, and loading them stops the worker.)

/**
 * What went wrong, said in a page: `key`'s message ("Something went wrong: $1") around a cause the
 * CM can act on, in Veille's words, or else the error's own text.
 */
export function errorSaid(e: unknown, key: MessageKey = 'err_unexpected'): string {
  const cause = errorCause(e);
  return t(key, cause ? t(cause) : errorText(e));
}
