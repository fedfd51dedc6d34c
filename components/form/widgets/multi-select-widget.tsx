"use client";
import { ChevronsUpDown, X } from "lucide-react";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { Combobox } from "@/components/ui/command";
import { controlBase } from "@/components/ui/control-styles";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";
import type { Choice } from "../form-values";
import { targetOf, useChoiceTitle, useRecordOptions } from "./use-record-options";
import type { WidgetProps } from "./widget-props";

/** One picked record as a chip with its own remove button (a separate Tab stop, never inside another control). */
function Chip({
  target,
  choice,
  onRemove,
  disabled,
}: {
  target: NonNullable<WidgetProps<Choice[]>["spec"]["target"]>;
  choice: Choice;
  onRemove: () => void;
  disabled?: boolean;
}) {
  const title = useChoiceTitle(target, choice);
  return (
    <li>
      <Badge variant="secondary" className="gap-0.5 py-0 pr-0.5 text-sm font-normal">
        {title}
        <button
          type="button"
          onClick={onRemove}
          disabled={disabled}
          aria-label={`Remove ${title}`}
          className="ml-0.5 inline-flex size-6 cursor-pointer items-center justify-center rounded hover:bg-zinc-200 focus-visible:outline-2 focus-visible:outline-solid focus-visible:outline-indigo-500 disabled:cursor-not-allowed dark:hover:bg-zinc-700"
        >
          <X aria-hidden="true" />
        </button>
      </Badge>
    </li>
  );
}

/**
 * A writable many-to-many relation: the picked records as removable chips, and a button opening a searchable list
 * where Enter or a click toggles a record (the list stays open for several picks; Escape closes it).
 */
export function MultiSelectWidget({
  spec,
  control,
  field,
  value,
  onChange,
  onBlur,
  placeholder,
  disabled,
}: WidgetProps<Choice[]>) {
  const [open, setOpen] = useState(false);
  const target = targetOf(spec);
  const records = useRecordOptions(target, open);
  const summaryId = `${control.id}-summary`;
  const toggle = (id: string) =>
    onChange(value.some((c) => c.id === id) ? value.filter((c) => c.id !== id) : [...value, records.choice(id)]);

  return (
    <div className="grid gap-2">
      {value.length > 0 ? (
        <ul aria-label={`Picked ${spec.label.toLowerCase()}`} className="flex flex-wrap gap-1.5">
          {value.map((choice) => (
            <Chip
              key={choice.id}
              target={target}
              choice={choice}
              disabled={disabled}
              onRemove={() => onChange(value.filter((c) => c.id !== choice.id))}
            />
          ))}
        </ul>
      ) : null}
      <Popover
        open={open}
        onOpenChange={(next) => {
          setOpen(next);
          if (!next) onBlur();
        }}
      >
        <PopoverTrigger asChild>
          <button
            type="button"
            {...control}
            aria-labelledby={`${field.labelId} ${summaryId}`}
            disabled={disabled}
            className={cn(controlBase, "flex h-9 cursor-pointer items-center justify-between gap-2 px-3 text-left")}
          >
            <span id={summaryId} className={cn("truncate", value.length === 0 && "text-zinc-500 dark:text-zinc-400")}>
              {value.length === 0 ? (placeholder ?? "None picked") : `${value.length} picked`}
            </span>
            <ChevronsUpDown aria-hidden="true" className="size-4 shrink-0 opacity-60" />
          </button>
        </PopoverTrigger>
        <PopoverContent
          aria-label={`Choose ${spec.label.toLowerCase()}`}
          className="w-(--radix-popover-trigger-width) min-w-64 p-0"
        >
          <Combobox
            aria-label={`Search ${records.label.toLowerCase()}`}
            listLabel={records.label}
            multiple
            autoFocus
            value={records.text}
            onSearch={records.setText}
            options={records.options}
            loading={records.loading}
            hasMore={records.hasMore}
            onLoadMore={records.loadMore}
            emptyText={records.error ? `Could not load: ${records.error}` : "No matches."}
            selected={value.map((c) => c.id)}
            onSelect={toggle}
          />
        </PopoverContent>
      </Popover>
    </div>
  );
}
