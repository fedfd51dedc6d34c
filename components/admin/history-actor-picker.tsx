"use client";
/**
 * The audit log's "Who" filter: the same searchable user picker the forms use for a belongsTo field (RecordPicker
 * over `users.list`), so an admin picks "Ada Admin" instead of pasting a UUID. The picked user's name is looked up
 * when the page opens with one in its URL.
 */
import { X } from "lucide-react";
import { useState } from "react";
import type { FormFieldSpec } from "@/components/form/form-fields";
import { RecordPicker } from "@/components/form/widgets/record-picker";
import { useChoiceTitle, useRecordOptions } from "@/components/form/widgets/use-record-options";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";

const LABEL = "Who";

/** A picker spec that is no form field: users, named by their name. */
const SPEC: FormFieldSpec = {
  name: "actor",
  label: LABEL,
  widget: "relation",
  required: false,
  nullable: true,
  writable: true,
  editable: true,
  hidden: false,
  target: { resource: "users", titleField: "name", relation: "actor" },
};
const TARGET = SPEC.target as NonNullable<FormFieldSpec["target"]>;

export function HistoryActorPicker({
  id,
  value,
  onChange,
}: {
  id: string;
  /** The picked user's id, or "" for everyone. */
  value: string;
  onChange: (userId: string) => void;
}) {
  const [open, setOpen] = useState(false);
  const records = useRecordOptions(TARGET, open);
  const choice = value ? { id: value, label: records.options.find((o) => o.value === value)?.label ?? "" } : null;
  const title = useChoiceTitle(TARGET, choice);
  return (
    <FormField id={id} label={LABEL} className="gap-1">
      {(control, field) => (
        <div className="flex items-center gap-1">
          <div className="min-w-0 flex-1">
            <RecordPicker
              spec={SPEC}
              control={control}
              field={field}
              records={records}
              open={open}
              onOpenChange={setOpen}
              summary={value ? title || "…" : "Anyone"}
              empty={!value}
              selected={value ? [value] : []}
              onSelect={(userId) => {
                onChange(userId === value ? "" : userId);
                setOpen(false);
              }}
            />
          </div>
          {value ? (
            <Button variant="ghost" size="icon" aria-label="Show changes by anyone" onClick={() => onChange("")}>
              <X aria-hidden="true" />
            </Button>
          ) : null}
        </div>
      )}
    </FormField>
  );
}
