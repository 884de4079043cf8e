import { useRef, useState } from 'preact/hooks';

/**
 * Files dropped on a section, as if chosen with its file button: `onFiles` gets them (none while
 * `disabled`). The section shows it takes them while files are dragged over it (`over`).
 */
export function useFileDrop(onFiles: (files: File[]) => void, disabled: boolean) {
  const [over, setOver] = useState(false);
  /** Entering a child of the section leaves the section first: the enters and leaves are counted. */
  const depth = useRef(0);
  const carriesFiles = (e: DragEvent) => !!e.dataTransfer?.types.includes('Files');
  const props = {
    onDragEnter(e: DragEvent) {
      if (disabled || !carriesFiles(e)) return;
      e.preventDefault();
      depth.current++;
      setOver(true);
    },
    onDragOver(e: DragEvent) {
      if (disabled || !carriesFiles(e)) return;
      // (Without this, the browser would open the file in place of the page.)
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    },
    onDragLeave() {
      if (--depth.current <= 0) {
        depth.current = 0;
        setOver(false);
      }
    },
    onDrop(e: DragEvent) {
      depth.current = 0;
      setOver(false);
      const files = Array.from(e.dataTransfer?.files ?? []);
      if (!files.length) return;
      e.preventDefault();
      if (!disabled) onFiles(files);
    },
  };
  return { over, props };
}

/** The files of a file input's change, the input emptied (the same file can be chosen again). */
export function chosenFiles(e: Event): File[] {
  const input = e.currentTarget as HTMLInputElement;
  const files = Array.from(input.files ?? []);
  input.value = '';
  return files;
}

/**
 * A file dropped beside the sections that take one would have the browser open it in place of the
 * page: outside them, files are refused (their drags still reach the board's cards untouched).
 */
export function refuseStrayDrops(target: Window): void {
  const refuse = (e: DragEvent) => {
    if (e.defaultPrevented || !e.dataTransfer?.types.includes('Files')) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'none';
  };
  target.addEventListener('dragover', refuse);
  target.addEventListener('drop', refuse);
}
