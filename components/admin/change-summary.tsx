"use client";
/**
 * What one audit entry changed, in words: "Tags: added Coffee; removed Travel", "Status: Draft → Published", a
 * word-level diff for long text, labels from the resource's `meta` and values in the reader's locale. Records a value
 * points at are named by the titles the server resolved for this reader (`refs`); one they may not see is "a record
 * you cannot see".
 */
import { isFilesValue } from "@/components/files/stored-file";
import type { Formatters } from "@/components/format/formatters";
import { useFormatters } from "@/components/format/use-formatters";
import type { Refs } from "@/server/core/history-titles";
import type { FieldDescriptor, ResourceDescriptor } from "@/server/core/meta";
import { ActionRunSummary } from "./actions/action-run-summary";
import {
  fieldLabel,
  fieldOf,
  formatValue,
  isEmpty,
  isLongText,
  linkChange,
  linkNames,
  orderedKeys,
  refName,
  refOf,
} from "./history-format";
import { HistoryTextDiff } from "./history-text-diff";

type Values = Record<string, unknown> | null;

interface SummaryProps {
  /** The entry's resource as the reader sees it; without it keys are made readable and values shown plainly. */
  meta: ResourceDescriptor | undefined;
  operation: string;
  before: Values;
  after: Values;
  refs: Refs | undefined;
}

const muted = "text-zinc-500 dark:text-zinc-400";

function Empty() {
  return <span className={`${muted} italic`}>empty</span>;
}

/** A field that names other records: links (many) or a foreign key (one). */
function referenceKind(meta: ResourceDescriptor | undefined, key: string, before: unknown, after: unknown) {
  const relation = meta?.relations.find((r) => r.name === key);
  if (
    relation?.kind === "manyToMany" ||
    (!relation &&
      (Array.isArray(before) || Array.isArray(after)) &&
      !fieldOf(meta, key) &&
      // Lists of files name themselves (history-format's formatValue), they point at no record.
      !isFilesValue(before) &&
      !isFilesValue(after))
  ) {
    return "links" as const;
  }
  if (fieldOf(meta, key)?.relation) return "reference" as const;
  return null;
}

function Names({ names, className }: { names: string[]; className: string }) {
  return <span className={className}>{names.join(", ")}</span>;
}

function LinkChange({
  field,
  before,
  after,
  refs,
}: {
  field: string;
  before: unknown;
  after: unknown;
  refs: Refs | undefined;
}) {
  const { added, removed } = linkChange(before, after);
  if (added.length === 0 && removed.length === 0) return <span className={muted}>unchanged</span>;
  return (
    <span>
      {added.length > 0 ? (
        <span>
          added{" "}
          <Names names={linkNames(refs, field, added)} className="font-medium text-emerald-700 dark:text-emerald-400" />
        </span>
      ) : null}
      {added.length > 0 && removed.length > 0 ? "; " : null}
      {removed.length > 0 ? (
        <span>
          removed{" "}
          <Names
            names={linkNames(refs, field, removed)}
            className="font-medium text-red-700 line-through dark:text-red-400"
          />
        </span>
      ) : null}
    </span>
  );
}

/** One value as text, or the names of the records it points at. */
function shown(
  meta: ResourceDescriptor | undefined,
  key: string,
  value: unknown,
  refs: Refs | undefined,
  fmt: Formatters,
) {
  const kind = referenceKind(meta, key, value, value);
  if (kind === "links") return linkNames(refs, key, Array.isArray(value) ? value.map(String) : []).join(", ");
  if (kind === "reference" && !isEmpty(value)) return refName(refOf(refs, key, value));
  return formatValue(fieldOf(meta, key), value, fmt);
}

function ValueChange({
  meta,
  field,
  name,
  before,
  after,
  refs,
  fmt,
}: {
  meta: ResourceDescriptor | undefined;
  field: FieldDescriptor | undefined;
  name: string;
  before: unknown;
  after: unknown;
  refs: Refs | undefined;
  fmt: Formatters;
}) {
  if (isLongText(field, before, after)) {
    return (
      <HistoryTextDiff
        before={typeof before === "string" ? before : ""}
        after={typeof after === "string" ? after : ""}
      />
    );
  }
  const was = shown(meta, name, before, refs, fmt);
  const now = shown(meta, name, after, refs, fmt);
  // A value an entry records on both sides for context (a job's queue), not as a change: shown once, not struck out.
  if (was === now) return <span className="break-words">{now === "" ? <Empty /> : now}</span>;
  return (
    <span className="break-words">
      <del className={`${muted} decoration-zinc-400`}>
        <span className="sr-only">from </span>
        {was === "" ? <Empty /> : was}
      </del>
      <span aria-hidden="true"> → </span>
      <ins className="font-medium no-underline">
        <span className="sr-only"> to </span>
        {now === "" ? <Empty /> : now}
      </ins>
    </span>
  );
}

/** The non-empty values a record was created with, behind a disclosure so a long history stays short. */
function CreatedValues({
  meta,
  values,
  refs,
  fmt,
}: {
  meta: ResourceDescriptor | undefined;
  values: Values;
  refs: Refs | undefined;
  fmt: Formatters;
}) {
  const keys = orderedKeys(meta, Object.keys(values ?? {})).filter(
    (k) => !isEmpty(values?.[k]) && k !== meta?.idField && k !== "createdAt",
  );
  if (keys.length === 0) return <span className={muted}>Created</span>;
  return (
    <details className="group">
      <summary className={`cursor-pointer ${muted} hover:text-zinc-800 dark:hover:text-zinc-200`}>
        Created with {keys.length} {keys.length === 1 ? "value" : "values"}
      </summary>
      <dl className="mt-1.5 space-y-1">
        {keys.map((k) => (
          <div key={k} className="flex min-w-0 gap-x-1.5">
            <dt className="shrink-0 font-medium">{fieldLabel(meta, k)}:</dt>{" "}
            <dd className="min-w-0 truncate" title={shown(meta, k, values?.[k], refs, fmt)}>
              {shown(meta, k, values?.[k], refs, fmt)}
            </dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

export function ChangeSummary({ meta, operation, before, after, refs }: SummaryProps) {
  const fmt = useFormatters();
  if (operation === "create") return <CreatedValues meta={meta} values={after} refs={refs} fmt={fmt} />;
  if (operation === "restore") return <span className={muted}>Restored from the bin</span>;
  if (operation === "delete") return <span className={muted}>{after ? "Moved to the bin" : "Deleted"}</span>;
  if (operation === "purge") return <span className={muted}>Removed for good</span>;
  if (operation === "action") return <ActionRunSummary meta={meta} values={after} />;
  const keys = orderedKeys(meta, [...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  if (keys.length === 0) return <span className={muted}>No change you can see</span>;
  return (
    <dl className="space-y-1.5">
      {keys.map((k) => {
        const field = fieldOf(meta, k);
        const long = isLongText(field, before?.[k], after?.[k]);
        return (
          <div key={k} className={long ? "space-y-1" : "min-w-0 break-words"} data-testid="history-change">
            <dt className={long ? "font-medium" : "inline font-medium"}>{fieldLabel(meta, k)}:</dt>{" "}
            <dd className={long ? "min-w-0" : "inline"}>
              {referenceKind(meta, k, before?.[k], after?.[k]) === "links" ? (
                <LinkChange field={k} before={before?.[k]} after={after?.[k]} refs={refs} />
              ) : (
                <ValueChange
                  meta={meta}
                  field={field}
                  name={k}
                  before={before?.[k]}
                  after={after?.[k]}
                  refs={refs}
                  fmt={fmt}
                />
              )}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
