/** Class strings shared by every focusable primitive, so a ring or an invalid border looks the same everywhere. */

/** Keyboard focus ring for buttons, triggers and links (the indigo outline the auth pages already use). */
export const focusRing =
  "outline-none focus-visible:outline-2 focus-visible:outline-solid focus-visible:outline-offset-2 focus-visible:outline-indigo-500";

/** Text-like controls: input, textarea, native select, select trigger. `aria-invalid` turns the border red. */
export const controlBase =
  "w-full min-w-0 rounded-md border border-zinc-300 bg-white text-sm text-zinc-900 shadow-sm outline-none transition-[color,box-shadow,border-color] placeholder:text-zinc-400 focus-visible:border-indigo-500 focus-visible:ring-2 focus-visible:ring-indigo-500/40 disabled:cursor-not-allowed disabled:opacity-50 aria-invalid:border-red-500 aria-invalid:focus-visible:ring-red-500/40 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:placeholder:text-zinc-500 dark:aria-invalid:border-red-500";

/** Floating surfaces: popover, menu, select list, combobox list. */
export const surface =
  "rounded-md border border-zinc-200 bg-white text-zinc-900 shadow-md dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-100";

/** Enter/exit motion for Radix content with data-state, only when the user has not asked for reduced motion. */
export const popMotion =
  "motion-safe:data-[state=open]:animate-pop-in motion-safe:data-[state=closed]:animate-fade-out motion-safe:data-[state=delayed-open]:animate-pop-in";
