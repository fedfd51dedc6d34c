"use client";
import { X } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { type Choice, fromDraft } from "../form-values";
import { RecordPicker } from "./record-picker";
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

  return (
    <div className="flex items-center gap-1.5">
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
        summary={value ? title || "…" : (placeholder ?? "Choose…")}
        empty={!value}
        selected={value ? [value.id] : []}
        onSelect={(id) => {
          onChange(records.choice(id));
          setOpen(false);
          onBlur();
        }}
        disabled={disabled}
      />
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
