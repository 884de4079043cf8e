/**
 * Print one part of a page alone (or save it as a PDF): while the browser's print dialog is open,
 * the page's print style (see the options page's style.css) shows that part and nothing else, black
 * on white, whole.
 */
export function printAlone(part: Element | null): void {
  if (!part) return;
  // The part's ancestors are marked too, for the print style to keep them (without `:has()`, which
  // Firefox reads from version 121 only).
  const path: Element[] = [];
  for (let el = part.parentElement; el; el = el.parentElement) path.push(el);
  part.setAttribute('data-printing', '');
  for (const el of path) el.setAttribute('data-printing-path', '');
  document.body.classList.add('printing');
  try {
    // (The browser's print dialog holds the page until it is closed.)
    window.print();
  } finally {
    document.body.classList.remove('printing');
    for (const el of path) el.removeAttribute('data-printing-path');
    part.removeAttribute('data-printing');
  }
}
