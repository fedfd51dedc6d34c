"use client";
/** The refused rows of a check or an import: row number, what was wrong, and each field's messages. */
import type { RowOutcome } from "@/server/core/import/rows";

/** Enough to act on; a file with more problems has one cause that shows in the first ones. */
const SHOWN = 200;

type Refused = Extract<RowOutcome, { ok: false }>;

export function OutcomeList({ outcomes, title }: { outcomes: readonly RowOutcome[]; title: string }) {
  const refused = outcomes.filter((o): o is Refused => !o.ok);
  if (refused.length === 0) return null;
  return (
    <section aria-label={title} className="space-y-2">
      <h3 className="font-semibold">{title}</h3>
      <ul className="divide-y divide-zinc-200 rounded-md border border-zinc-200 text-sm dark:divide-zinc-800 dark:border-zinc-800">
        {refused.slice(0, SHOWN).map((o) => (
          <li key={o.row} className="px-3 py-2">
            <span className="font-medium">Row {o.row}:</span> {o.message}
            {Object.keys(o.fieldErrors).length > 1 ? (
              <ul className="mt-1 list-disc pl-5 text-zinc-600 dark:text-zinc-400">
                {Object.entries(o.fieldErrors).map(([field, messages]) => (
                  <li key={field}>
                    {field}: {messages.join("; ")}
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ul>
      {refused.length > SHOWN ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">and {refused.length - SHOWN} more rows.</p>
      ) : null}
    </section>
  );
}
