/**
 * Print one part of a page alone (or save it as a PDF): while the browser's print dialog is open,
 * the page's print style (see the options page's style.css) shows that part and nothing else, black
 * on white, whole.
 */
export function printAlone(part: Element | null): void {
  if (!part) return;
  part.setAttribute('data-printing', '');
  document.body.classList.add('printing');
  try {
    // (The browser's print dialog holds the page until it is closed.)
    window.print();
  } finally {
    document.body.classList.remove('printing');
    part.removeAttribute('data-printing');
  }
}
