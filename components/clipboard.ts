import { errorSaid } from '@/components/errorSaid';

/** Say `done` once `write` has put something on the clipboard, or what went wrong. */
export function sayCopied(write: Promise<void>, done: string, say: (message: string) => void): void {
  write.then(
    () => say(done),
    (e: unknown) => say(errorSaid(e)),
  );
}
