"use client";
/**
 * One filter control per value type, each editing the operators url-state.ts knows for it. Controls apply as the
 * user goes (typing is debounced), so there is no "Apply" button to find.
 */
import { useId, useState } from "react";
import { Checkbox } from "@/components/ui/checkbox";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import type { FieldDescriptor } from "@/server/core/meta";
import { RelationFilter } from "./relation-filter";
import { type FieldFilter, isCalendarDay } from "./url-state";
import { useDebouncedCallback } from "./use-debounced";

export interface FilterControlProps {
  field: FieldDescriptor;
  value: FieldFilter;
  onChange: (next: FieldFilter | undefined) => void;
}

/** `value` with `patch` applied; undefined when nothing is left. */
function merge(value: FieldFilter, patch: FieldFilter): FieldFilter | undefined {
  const next: FieldFilter = { ...value, ...patch };
  for (const k of Object.keys(next) as (keyof FieldFilter)[]) {
    const v = next[k];
    if (v === undefined || v === "" || (Array.isArray(v) && v.length === 0)) delete next[k];
  }
  return Object.keys(next).length > 0 ? next : undefined;
}

function TextFilter({ field, value, onChange }: FilterControlProps) {
  const id = useId();
  const [text, setText] = useState(value.contains ?? "");
  const apply = useDebouncedCallback((t: string) => onChange(merge(value, { contains: t.trim() })), 300);
  return (
    <div className="grid gap-1.5">
      <Label htmlFor={id}>{field.label} contains</Label>
      <Input
        id={id}
        value={text}
        maxLength={200}
        onChange={(e) => {
          setText(e.target.value);
          apply(e.target.value);
        }}
      />
    </div>
  );
}

function EnumFilter({ field, value, onChange }: FilterControlProps) {
  const id = useId();
  const picked = value.in ?? [];
  const toggle = (option: string, on: boolean) =>
    onChange(merge(value, { in: on ? [...picked, option] : picked.filter((v) => v !== option) }));
  return (
    <fieldset className="grid gap-2">
      <legend className="mb-2 text-sm font-medium">{field.label} is any of</legend>
      {(field.options ?? []).map((option, i) => (
        <div key={option} className="flex items-center gap-2">
          <Checkbox
            id={`${id}-${i}`}
            checked={picked.includes(option)}
            onCheckedChange={(checked) => toggle(option, checked === true)}
          />
          <Label htmlFor={`${id}-${i}`} className="font-normal">
            {option}
          </Label>
        </div>
      ))}
    </fieldset>
  );
}

function BooleanFilter({ field, value, onChange }: FilterControlProps) {
  const name = useId();
  const choices = [
    { label: "Any", value: undefined },
    { label: "Yes", value: "true" },
    { label: "No", value: "false" },
  ];
  return (
    <fieldset className="grid gap-2">
      <legend className="mb-2 text-sm font-medium">{field.label}</legend>
      {choices.map((choice) => (
        <label key={choice.label} className="flex cursor-pointer items-center gap-2 text-sm">
          <input
            type="radio"
            name={name}
            className="size-4 cursor-pointer accent-zinc-900 dark:accent-zinc-100"
            checked={value.eq === choice.value}
            onChange={() => onChange(merge(value, { eq: choice.value }))}
          />
          {choice.label}
        </label>
      ))}
    </fieldset>
  );
}

function DateFilter({ field, value, onChange }: FilterControlProps) {
  const id = useId();
  const set = (op: "gte" | "lte", text: string) =>
    // A half-typed date (the browser reports "") clears that end; only whole days are applied.
    onChange(merge(value, { [op]: isCalendarDay(text) ? text : undefined }));
  return (
    <fieldset className="grid gap-2">
      <legend className="mb-2 text-sm font-medium">{field.label}</legend>
      <div className="grid grid-cols-[auto_1fr] items-center gap-2">
        <Label htmlFor={`${id}-from`}>From</Label>
        <Input
          id={`${id}-from`}
          type="date"
          value={value.gte ?? ""}
          max={value.lte}
          onChange={(e) => set("gte", e.target.value)}
        />
        <Label htmlFor={`${id}-to`}>To</Label>
        <Input
          id={`${id}-to`}
          type="date"
          value={value.lte ?? ""}
          min={value.gte}
          onChange={(e) => set("lte", e.target.value)}
        />
      </div>
    </fieldset>
  );
}

function NumberFilter({ field, value, onChange }: FilterControlProps) {
  const id = useId();
  const [text, setText] = useState({ gte: value.gte ?? "", lte: value.lte ?? "" });
  const apply = useDebouncedCallback((next: { gte: string; lte: string }) => {
    const clean = (t: string) => (t.trim() !== "" && Number.isFinite(Number(t)) ? String(Number(t)) : undefined);
    onChange(merge(value, { gte: clean(next.gte), lte: clean(next.lte) }));
  }, 400);
  const edit = (op: "gte" | "lte", t: string) => {
    const next = { ...text, [op]: t };
    setText(next);
    apply(next);
  };
  const step = field.type === "integer" ? 1 : "any";
  return (
    <fieldset className="grid gap-2">
      <legend className="mb-2 text-sm font-medium">{field.label}</legend>
      <div className="grid grid-cols-[auto_1fr] items-center gap-2">
        <Label htmlFor={`${id}-min`}>Min</Label>
        <Input
          id={`${id}-min`}
          type="number"
          step={step}
          value={text.gte}
          onChange={(e) => edit("gte", e.target.value)}
        />
        <Label htmlFor={`${id}-max`}>Max</Label>
        <Input
          id={`${id}-max`}
          type="number"
          step={step}
          value={text.lte}
          onChange={(e) => edit("lte", e.target.value)}
        />
      </div>
    </fieldset>
  );
}

/** The filter control for a field's type; nothing for types a table cannot filter (JSON). */
export function FilterControl(props: FilterControlProps) {
  switch (props.field.type) {
    case "text":
      return <TextFilter {...props} />;
    case "enum":
      return <EnumFilter {...props} />;
    case "boolean":
      return <BooleanFilter {...props} />;
    case "date":
      return <DateFilter {...props} />;
    case "integer":
    case "number":
      return <NumberFilter {...props} />;
    case "uuid":
      return <RelationFilter {...props} />;
    default:
      return null;
  }
}
