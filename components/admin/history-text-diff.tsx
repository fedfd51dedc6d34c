"use client";
import { diffWords } from "diff";
import { useMemo } from "react";
import { collapseDiff } from "./history-format";

/**
 * Two versions of a text as one word-level diff: removed words struck through in red, added ones in green, long
 * unchanged stretches cut to a few words around each change. Screen readers hear "removed" and "added" before each.
 */
export function HistoryTextDiff({ before, after }: { before: string; after: string }) {
  const parts = useMemo(() => collapseDiff(diffWords(before, after)), [before, after]);
  return (
    <p className="whitespace-pre-wrap break-words rounded-md bg-zinc-50 px-2 py-1.5 font-mono text-xs leading-relaxed dark:bg-zinc-900">
      {parts.map((part, i) => {
        const key = `${i}-${part.kind}`;
        if (part.kind === "elided") {
          return (
            <span key={key} className="text-zinc-400 dark:text-zinc-500" title="Unchanged text left out">
              {" … "}
            </span>
          );
        }
        if (part.kind === "removed") {
          return (
            <del
              key={key}
              className="rounded-sm bg-red-100 text-red-800 line-through decoration-red-500/70 dark:bg-red-950/60 dark:text-red-300"
            >
              <span className="sr-only">removed: </span>
              {part.text}
            </del>
          );
        }
        if (part.kind === "added") {
          // A word replaced by another: keep the two apart, or "deleteretire" reads as one word.
          const replacing = parts[i - 1]?.kind === "removed";
          return (
            <ins
              key={key}
              className={`${replacing ? "ml-1 " : ""}rounded-sm bg-emerald-100 text-emerald-900 no-underline dark:bg-emerald-950/60 dark:text-emerald-200`}
            >
              <span className="sr-only">added: </span>
              {part.text}
            </ins>
          );
        }
        return <span key={key}>{part.text}</span>;
      })}
    </p>
  );
}
