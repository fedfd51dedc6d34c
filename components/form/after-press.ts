/**
 * Holds work that would move the page until the pointer press in progress is over.
 *
 * Pressing Submit takes focus from the field being typed in, and that field's blur check may show an error above the
 * button. If the page moves between the press and the release, the release lands beside the button and the browser
 * sends no click: the first click is lost. So a blur during a press waits for the release (and the click that
 * follows it); a blur by keyboard, or a press anywhere else ending, runs it as usual.
 */

let pressing = false;
let waiting: (() => void)[] = [];
let installed = false;

function flush() {
  const run = waiting;
  waiting = [];
  for (const task of run) task();
}

function release() {
  if (!pressing) return;
  pressing = false;
  // After the click the release produces, which is dispatched in the same task.
  setTimeout(flush, 0);
}

/** Starts watching presses (once per page); call from an effect, before any press can matter. */
export function watchPresses() {
  if (installed || typeof window === "undefined") return;
  installed = true;
  window.addEventListener("pointerdown", () => (pressing = true), true);
  window.addEventListener("pointerup", release, true);
  window.addEventListener("pointercancel", release, true);
  // A release outside the window never arrives; leaving the window ends the press too.
  window.addEventListener("blur", release);
}

/** Runs `task` now, or once the current pointer press is released. */
export function afterPress(task: () => void) {
  if (pressing) waiting.push(task);
  else task();
}
