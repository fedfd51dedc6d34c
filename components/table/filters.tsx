"use client";
/**
 * One filter control per value type, each editing the operators filter-values.ts offers for it (each one the engine
 * takes for that kind: no "contains" on a number). Controls apply as the user goes (typing is debounced), so there is
 * no "Apply" button to find; text that is not a value of the field is said so under its input and not applied.
 */
import { useId, useState } from "react";
import { decimalSeparatorOf, normalizeDecimalInput } from "@/components/form/decimal";
import { type FieldDescriptor, toneOf } from "@/components/form/field-kinds";
import { optionLabel } from "@/components/form/widgets/option-label";
import { useFormatters } from "@/components/format/use-formatters";
import { Badge } from "@/components/ui/badge";
import { Checkbox } from "@/components/ui/checkbox";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import {
  instantFilterText,
  isCalendarDate,
  minuteInputText,
  NUMBER_KINDS,
  parseFilterInput,
  scalarFilterText,
} from "./filter-values";
import { RelationFilter } from "./relation-filter";
import type { FieldFilter } from "./url-state";
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
            <Badge tone={toneOf(field, option)}>{optionLabel(option)}</Badge>
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

/**
 * From and to, both included: whole days for a calendar-date column, minutes (the reader's clock) for a timestamp, so
 * a request log can be narrowed to 14:05 to 14:20. The inputs keep what is typed; an end that is no day the engine
 * stores (year 0, 2026-02-30 in a link) is said so and applies nothing, and the browser reports a half-typed one as
 * "", which clears that end.
 */
function DateFilter({ field, value, onChange }: FilterControlProps) {
  const id = useId();
  const calendar = isCalendarDate(field);
  const shown = (op: "gte" | "lte") => (calendar ? (value[op] ?? "") : minuteInputText(value[op], op === "lte"));
  const [text, setText] = useState({ gte: shown("gte"), lte: shown("lte") });
  const clean = (t: string) => (calendar ? scalarFilterText("date", t) : instantFilterText(t)) ?? undefined;
  const apply = useDebouncedCallback(
    (next: { gte: string; lte: string }) => onChange(merge(value, { gte: clean(next.gte), lte: clean(next.lte) })),
    300,
  );
  const edit = (op: "gte" | "lte", t: string) => {
    const next = { ...text, [op]: t };
    setText(next);
    apply(next);
  };
  const error = (t: string) =>
    t !== "" && clean(t) === undefined ? "Pick a date from the year 100 to 9999" : undefined;
  const input = (op: "gte" | "lte", label: string) => {
    const problem = error(text[op]);
    const other = text[op === "gte" ? "lte" : "gte"];
    const bound = clean(other) === undefined ? undefined : other;
    return (
      <>
        <Label htmlFor={`${id}-${op}`}>{label}</Label>
        <div className="grid min-w-0 gap-1">
          <Input
            id={`${id}-${op}`}
            type={calendar ? "date" : "datetime-local"}
            value={text[op]}
            // The "to" cannot be before the "from": each end bounds the other.
            {...(op === "gte" ? { max: bound } : { min: bound })}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? `${id}-${op}-error` : undefined}
            onChange={(e) => edit(op, e.target.value)}
          />
          {problem ? (
            <p id={`${id}-${op}-error`} className="text-xs text-red-600 dark:text-red-400">
              {problem}
            </p>
          ) : null}
        </div>
      </>
    );
  };
  return (
    <fieldset className="grid gap-2">
      <legend className="mb-2 text-sm font-medium">{field.label}</legend>
      <div className="grid grid-cols-[auto_1fr] items-start gap-2 [&>label]:pt-2">
        {input("gte", "From")}
        {input("lte", "To")}
      </div>
    </fieldset>
  );
}

/** A typed input of a filter, with the reason under it when its text is no value of the field. */
function FilterInput({
  id,
  label,
  text,
  error,
  onText,
  time,
  inputMode,
}: {
  id: string;
  label: string;
  text: string;
  error: string | undefined;
  onText: (text: string) => void;
  time?: boolean;
  inputMode?: "numeric" | "decimal";
}) {
  return (
    <>
      <Label htmlFor={id}>{label}</Label>
      <div className="grid gap-1">
        <Input
          id={id}
          type={time ? "time" : "text"}
          inputMode={inputMode}
          autoComplete="off"
          value={text}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          className={time ? undefined : "text-right tabular-nums"}
          onChange={(e) => onText(e.target.value)}
        />
        {error ? (
          <p id={`${id}-error`} className="text-xs text-red-600 dark:text-red-400">
            {error}
          </p>
        ) : null}
      </div>
    </>
  );
}

/**
 * Between two values, both ends included: numbers (whole, big, real, exact decimals) or times of day. Each end is read
 * as the form reads the field (a decimal stays exact text, a bigint is never rounded) and applied once it is a value.
 */
function RangeFilter({ field, value, onChange }: FilterControlProps) {
  const id = useId();
  const format = useFormatters();
  const time = field.type === "time";
  const [text, setText] = useState({ gte: value.gte ?? "", lte: value.lte ?? "" });
  // Typed grouping and the locale's decimal comma are read as such ("1,234.5", "1.234,5").
  const plain = (t: string) => (time ? t : normalizeDecimalInput(t, decimalSeparatorOf(format.locale)));
  const read = { gte: parseFilterInput(field, plain(text.gte)), lte: parseFilterInput(field, plain(text.lte)) };
  const apply = useDebouncedCallback((next: { gte: string; lte: string }) => {
    const end = (t: string) => {
      const parsed = parseFilterInput(field, plain(t));
      return parsed.ok && parsed.text !== "" ? parsed.text : undefined;
    };
    onChange(merge(value, { gte: end(next.gte), lte: end(next.lte) }));
  }, 400);
  const edit = (op: "gte" | "lte", t: string) => {
    const next = { ...text, [op]: t };
    setText(next);
    apply(next);
  };
  const whole = field.type === "integer" || field.type === "bigint";
  const inputMode = time ? undefined : whole ? "numeric" : "decimal";
  return (
    <fieldset className="grid gap-2">
      <legend className="mb-2 text-sm font-medium">{field.label} between</legend>
      <div className="grid grid-cols-[auto_1fr] items-start gap-2 [&>label]:pt-2">
        <FilterInput
          id={`${id}-min`}
          label={time ? "From" : "Min"}
          text={text.gte}
          error={read.gte.ok ? undefined : read.gte.error}
          onText={(t) => edit("gte", t)}
          time={time}
          inputMode={inputMode}
        />
        <FilterInput
          id={`${id}-max`}
          label={time ? "To" : "Max"}
          text={text.lte}
          error={read.lte.ok ? undefined : read.lte.error}
          onText={(t) => edit("lte", t)}
          time={time}
          inputMode={inputMode}
        />
      </div>
    </fieldset>
  );
}

/** Rows whose list holds an item: one of the options for an enum array, else a typed item of the array's kind. */
function ArrayFilter({ field, value, onChange }: FilterControlProps) {
  const id = useId();
  const [text, setText] = useState(value.has ?? "");
  const read = parseFilterInput(field, text);
  const apply = useDebouncedCallback((t: string) => {
    const parsed = parseFilterInput(field, t);
    onChange(merge(value, { has: parsed.ok && parsed.text !== "" ? parsed.text : undefined }));
  }, 300);
  if (field.items === "enum") {
    const choices = [undefined, ...(field.options ?? [])];
    return (
      <fieldset className="grid gap-2">
        <legend className="mb-2 text-sm font-medium">{field.label} include</legend>
        {choices.map((option) => (
          <label key={option ?? ""} className="flex cursor-pointer items-center gap-2 text-sm">
            <input
              type="radio"
              name={id}
              className="size-4 cursor-pointer accent-zinc-900 dark:accent-zinc-100"
              checked={value.has === option}
              onChange={() => onChange(merge(value, { has: option }))}
            />
            {option === undefined ? "Any" : <Badge tone={toneOf(field, option)}>{optionLabel(option)}</Badge>}
          </label>
        ))}
      </fieldset>
    );
  }
  const whole = field.items === "integer" || field.items === "bigint";
  return (
    <div className="grid grid-cols-[auto_1fr] items-start gap-2 [&>label]:pt-2">
      <FilterInput
        id={id}
        label={`${field.label} include`}
        text={text}
        error={read.ok ? undefined : read.error}
        inputMode={whole ? "numeric" : NUMBER_KINDS.has(field.items ?? "text") ? "decimal" : undefined}
        onText={(t) => {
          setText(t);
          apply(t);
        }}
      />
    </div>
  );
}

/** The filter control for a field's type; nothing for types a table cannot filter this way (JSON). */
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
    case "bigint":
    case "number":
    case "decimal":
    case "time":
      return <RangeFilter {...props} />;
    case "array":
      return <ArrayFilter {...props} />;
    case "uuid":
      return <RelationFilter {...props} />;
    default:
      return null;
  }
}
