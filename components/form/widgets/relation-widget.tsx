"use client";
import { ChevronsUpDown, X } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Combobox } from "@/components/ui/command";
import { controlBase } from "@/components/ui/control-styles";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";
import { type Choice, fromDraft } from "../form-values";
import { targetOf, useChoiceTitle, useRecordOptions } from "./use-record-options";
import type { WidgetProps } from "./widget-props";

/**
 * A belongsTo foreign key: a field-looking button that opens a searchable list of the target's records. Its name is
 * the label plus the picked title ("Author Ada Admin"); Enter or Space opens it, typing searches, arrows and Enter
 * pick, Escape closes, and focus comes back to the button.
 */
export function RelationWidget({
  spec,
  mode,
  control,
  field,
  value,
  onChange,
  onBlur,
  placeholder,
  disabled,
}: WidgetProps<Choice | null>) {
  const [open, setOpen] = useState(false);
  const target = targetOf(spec);
  const records = useRecordOptions(target, open);
  const title = useChoiceTitle(target, value);
  const clearable = value !== null && fromDraft(spec, null, mode).ok;
  const valueId = `${control.id}-value`;

  return (
    <div className="flex items-center gap-1.5">
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
            aria-labelledby={`${field.labelId} ${valueId}`}
            disabled={disabled}
            className={cn(controlBase, "flex h-9 cursor-pointer items-center justify-between gap-2 px-3 text-left")}
          >
            <span id={valueId} className={cn("truncate", !value && "text-zinc-500 dark:text-zinc-400")}>
              {value ? title || "…" : (placeholder ?? "Choose…")}
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
            autoFocus
            value={records.text}
            onSearch={records.setText}
            options={records.options}
            loading={records.loading}
            hasMore={records.hasMore}
            onLoadMore={records.loadMore}
            emptyText={records.error ? `Could not load: ${records.error}` : "No matches."}
            selected={value ? [value.id] : []}
            onSelect={(id) => {
              onChange(records.choice(id));
              setOpen(false);
              onBlur();
            }}
          />
        </PopoverContent>
      </Popover>
      {clearable ? (
        <Button
          variant="ghost"
          size="icon"
          aria-label={`Clear ${spec.label}`}
          disabled={disabled}
          onClick={() => onChange(null)}
        >
          <X aria-hidden="true" />
        </Button>
      ) : null}
    </div>
  );
}
