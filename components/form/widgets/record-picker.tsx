"use client";
import { ChevronsUpDown } from "lucide-react";
import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";
import { Combobox } from "@/components/ui/command";
import { controlBase } from "@/components/ui/control-styles";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";
import type { useRecordOptions } from "./use-record-options";
import type { WidgetProps } from "./widget-props";

interface RecordPickerProps {
  spec: WidgetProps<null>["spec"];
  control: WidgetProps<null>["control"];
  field: WidgetProps<null>["field"];
  records: ReturnType<typeof useRecordOptions>;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** What the button shows (the picked title, "3 picked"); muted when nothing is picked. */
  summary: ReactNode;
  empty: boolean;
  multiple?: boolean;
  selected: string[];
  onSelect: (id: string) => void;
  disabled?: boolean | undefined;
}

/**
 * The button-and-list both record widgets share: a field-looking button named by the label plus its summary, opening
 * a searchable, paged list of the target's records (Enter or Space opens, typing searches, Escape closes).
 */
export function RecordPicker(props: RecordPickerProps) {
  const { spec, control, field, records, summary, empty, disabled } = props;
  const summaryId = `${control.id}-summary`;
  return (
    <Popover open={props.open} onOpenChange={props.onOpenChange}>
      <PopoverTrigger asChild>
        <button
          type="button"
          {...control}
          aria-labelledby={`${field.labelId} ${summaryId}`}
          disabled={disabled}
          className={cn(controlBase, "flex h-9 cursor-pointer items-center justify-between gap-2 px-3 text-left")}
        >
          <span id={summaryId} className={cn("truncate", empty && "text-zinc-500 dark:text-zinc-400")}>
            {summary}
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
          multiple={props.multiple}
          autoFocus
          value={records.text}
          onSearch={records.setText}
          options={records.options}
          loading={records.loading}
          hasMore={records.hasMore}
          onLoadMore={records.loadMore}
          emptyText={records.error ? `Could not load: ${records.error}` : "No matches."}
          selected={props.selected}
          onSelect={props.onSelect}
        />
      </PopoverContent>
    </Popover>
  );
}
