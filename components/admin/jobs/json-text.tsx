/**
 * A job's input or result as the server sent it (JSON text, maybe cut at a bound): indented when it is whole and
 * parses, else shown as it is with a note that it was cut. Plain text in a <pre>, never rendered as markup.
 */
import { cn } from "@/components/ui/cn";

function pretty(text: string, truncated: boolean): string {
  if (truncated) return text;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

export function JsonText({
  text,
  truncated,
  className,
  label,
}: {
  text: string;
  truncated: boolean;
  className?: string;
  /** Names the block for screen readers ("Input"). */
  label: string;
}) {
  return (
    <div className="min-w-0">
      <section
        aria-label={label}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable block must take focus to scroll by keyboard.
        tabIndex={0}
        className={cn(
          "max-h-80 overflow-auto rounded-md bg-zinc-50 p-3 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:bg-zinc-950",
          className,
        )}
      >
        <pre className="font-mono text-xs whitespace-pre-wrap break-all text-zinc-800 dark:text-zinc-200">
          {pretty(text, truncated)}
        </pre>
      </section>
      {truncated ? (
        <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">Cut short: the whole value is in the database.</p>
      ) : null}
    </div>
  );
}
