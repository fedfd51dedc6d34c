/**
 * Cells cut long values with an ellipsis; these give the cut value back on hover (a native tooltip through `title`),
 * decided when the pointer arrives so that no cell is measured until someone looks at it.
 */

/** The first element inside `root` (itself included) whose text is cut, skipping screen-reader-only text. */
function cutElement(root: HTMLElement): HTMLElement | undefined {
  const candidates = [root, ...root.querySelectorAll<HTMLElement>("*")];
  // A 1 px box is the sr-only pattern: its text overflows on purpose and is not what the eye sees.
  return candidates.find((el) => el.clientWidth > 1 && el.scrollWidth > el.clientWidth + 1);
}

/** Sets (or clears) `title` on the cell to the full text of the value it cuts. */
export function titleIfTruncated(element: HTMLElement) {
  const cut = cutElement(element);
  const text = cut?.textContent?.trim();
  if (cut && text) element.title = text;
  else element.removeAttribute("title");
}
