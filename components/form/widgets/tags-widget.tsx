"use client";
import { X } from "lucide-react";
import { type ClipboardEvent, type KeyboardEvent, useRef, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { parseItem } from "../value-parsers";
import type { WidgetProps } from "./widget-props";

/** Separators between entries in typed or pasted text. */
const SEPARATORS = /[,;\n\t]/;

/**
 * An array field (text[], integer[]…) as chips: type and press Enter or comma to add, Backspace in the empty input
 * removes the last one, a paste of "a, b, c" adds three. Duplicates are ignored; an entry the array cannot hold (a
 * word in an integer[]) stays in the input with the reason. Each chip has its own remove button ("Remove tag a"),
 * and a live region says what was added or removed.
 */
export function TagsWidget({ spec, control, field, value, onChange, onBlur, disabled }: WidgetProps<string[]>) {
  const descriptor = spec.descriptor;
  const itemField = { ...descriptor, label: spec.label };
  const maxItems = descriptor?.rules?.maxItems;
  // A limit a definition chose is worth saying; the engine's default of 100 is not.
  const shownLimit = maxItems !== undefined && maxItems < 100;
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState("");
  const [problem, setProblem] = useState<string | undefined>();
  const [announcement, setAnnouncement] = useState("");
  const problemId = `${control.id}-problem`;
  const howId = `${control.id}-how`;

  /** Adds what it can; returns the entries it could not take, for the input to keep. */
  function add(entries: string[]): string[] {
    const next = [...value];
    const added: string[] = [];
    const kept: string[] = [];
    let why: string | undefined;
    for (const entry of entries) {
      if (entry.trim() === "") continue;
      const item = parseItem(itemField, entry);
      if (!item.ok) {
        why = item.error;
        kept.push(entry.trim());
      } else if (next.includes(item.text)) {
        // Already there: nothing to add, nothing to complain about.
      } else if (maxItems !== undefined && next.length >= maxItems) {
        why = `${spec.label} must have at most ${maxItems} ${maxItems === 1 ? "item" : "items"}`;
        kept.push(entry.trim());
      } else {
        next.push(item.text);
        added.push(item.text);
      }
    }
    if (added.length > 0) {
      onChange(next);
      setAnnouncement(`Added ${added.join(", ")}`);
    }
    setProblem(why);
    return kept;
  }

  function remove(index: number) {
    const gone = value[index];
    onChange(value.filter((_, i) => i !== index));
    setAnnouncement(`Removed ${gone}`);
    setProblem(undefined);
  }

  function commit(raw: string) {
    setText(add(raw.split(SEPARATORS)).join(", "));
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "Enter" || event.key === ",") {
      // Enter in an empty input still submits the form, as in any other field.
      if (event.key === "Enter" && text.trim() === "") return;
      event.preventDefault();
      commit(text);
    } else if (event.key === "Backspace" && text === "" && value.length > 0) {
      event.preventDefault();
      remove(value.length - 1);
    }
  }

  function onPaste(event: ClipboardEvent<HTMLInputElement>) {
    const pasted = event.clipboardData.getData("text");
    if (!SEPARATORS.test(pasted)) return;
    event.preventDefault();
    commit(`${text}${pasted}`);
  }

  return (
    <div>
      <div
        className={cn(
          "flex min-h-9 w-full flex-wrap items-center gap-1.5 rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm shadow-sm transition-[box-shadow,border-color] dark:border-zinc-700 dark:bg-zinc-900",
          "focus-within:border-indigo-500 focus-within:ring-2 focus-within:ring-indigo-500/40",
          field.invalid && "border-red-500 focus-within:ring-red-500/40 dark:border-red-500",
          disabled && "cursor-not-allowed opacity-50",
        )}
      >
        {value.length > 0 ? (
          <ul aria-label={spec.label} className="flex flex-wrap gap-1.5">
            {value.map((entry, index) => (
              <li key={entry}>
                <Badge variant="secondary" className="gap-0.5 py-0 pr-0.5 text-sm font-normal">
                  {entry}
                  <button
                    type="button"
                    onClick={() => {
                      remove(index);
                      input.current?.focus();
                    }}
                    disabled={disabled}
                    aria-label={`Remove tag ${entry}`}
                    className="ml-0.5 inline-flex size-6 cursor-pointer items-center justify-center rounded hover:bg-zinc-200 focus-visible:outline-2 focus-visible:outline-solid focus-visible:outline-indigo-500 disabled:cursor-not-allowed dark:hover:bg-zinc-700"
                  >
                    <X aria-hidden="true" />
                  </button>
                </Badge>
              </li>
            ))}
          </ul>
        ) : null}
        <input
          {...control}
          ref={input}
          aria-describedby={[control["aria-describedby"], problem ? problemId : undefined, howId]
            .filter(Boolean)
            .join(" ")}
          name={spec.name}
          value={text}
          onChange={(event) => {
            const typed = event.target.value;
            // A comma typed on a phone keyboard (no reliable key event) or a separator dropped in: add what precedes.
            if (SEPARATORS.test(typed)) {
              const parts = typed.split(SEPARATORS);
              const last = parts.pop() ?? "";
              setText([...add(parts), last].filter(Boolean).join(", "));
            } else {
              setText(typed);
              if (problem) setProblem(undefined);
            }
          }}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
          onBlur={() => {
            if (text.trim() !== "") commit(text);
            onBlur();
          }}
          disabled={disabled}
          autoComplete="off"
          enterKeyHint="enter"
          inputMode={descriptor?.items === "integer" || descriptor?.items === "bigint" ? "numeric" : undefined}
          placeholder={value.length === 0 ? "Type and press Enter" : undefined}
          className="h-7 min-w-24 flex-1 bg-transparent text-zinc-900 outline-none placeholder:text-zinc-400 disabled:cursor-not-allowed dark:text-zinc-100 dark:placeholder:text-zinc-500"
        />
      </div>
      <p id={problemId} aria-live="polite" className="mt-1 text-xs text-amber-700 empty:mt-0 dark:text-amber-400">
        {problem}
      </p>
      <p id={howId} className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
        Enter or comma adds{shownLimit ? ` (up to ${maxItems})` : ""}; Backspace removes the last.
      </p>
      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>
    </div>
  );
}
