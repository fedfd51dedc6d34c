"use client";
import { X } from "lucide-react";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import type { Choice } from "../form-values";
import { RecordPicker } from "./record-picker";
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
      <RecordPicker
        spec={spec}
        control={control}
        field={field}
        records={records}
        open={open}
        onOpenChange={(next) => {
          setOpen(next);
          if (!next) onBlur();
        }}
        summary={value.length === 0 ? (placeholder ?? "None picked") : `${value.length} picked`}
        empty={value.length === 0}
        multiple
        selected={value.map((c) => c.id)}
        onSelect={toggle}
        disabled={disabled}
      />
    </div>
  );
}
