"use client";
import { type ReactNode, useState } from "react";
import { isStoredFile, type StoredFile } from "@/components/files/stored-file";
import { type FormControlProps, FormField, type FormFieldMeta } from "@/components/ui/form-field";
import type { FormFieldSpec, FormMode } from "./form-fields";
import { type Choice, type Draft, type FileDraft, jsonError } from "./form-values";
import { DateWidget } from "./widgets/date-widget";
import { DateTimeWidget } from "./widgets/datetime-widget";
import { DecimalWidget } from "./widgets/decimal-widget";
import { FileWidget } from "./widgets/file-widget";
import { JsonWidget } from "./widgets/json-widget";
import { MarkdownWidget } from "./widgets/markdown-widget";
import { MultiSelectWidget } from "./widgets/multi-select-widget";
import { NumberWidget } from "./widgets/number-widget";
import { OptionsWidget } from "./widgets/options-widget";
import { RelationWidget } from "./widgets/relation-widget";
import { SelectWidget } from "./widgets/select-widget";
import { SwitchWidget } from "./widgets/switch-widget";
import { TagsWidget } from "./widgets/tags-widget";
import { TextWidget } from "./widgets/text-widget";
import { TextareaWidget } from "./widgets/textarea-widget";
import { TimeWidget } from "./widgets/time-widget";

export interface FieldControlProps {
  id: string;
  spec: FormFieldSpec;
  mode: FormMode;
  value: Draft;
  errors?: readonly string[];
  onChange: (value: Draft) => void;
  onBlur: () => void;
  disabled?: boolean;
  focusRequest?: number;
}

const asText = (value: Draft) => (typeof value === "string" ? value : "");
const asChoice = (value: Draft): Choice | null =>
  value && typeof value === "object" && !Array.isArray(value) && "label" in value ? value : null;
const asFiles = (value: Draft): FileDraft =>
  Array.isArray(value) ? value.filter((f): f is StoredFile => isStoredFile(f)) : isStoredFile(value) ? value : null;
const asChoices = (value: Draft): Choice[] =>
  Array.isArray(value) ? value.filter((c): c is Choice => typeof c === "object") : [];
const asEntries = (value: Draft): string[] =>
  Array.isArray(value) ? value.map((c) => (typeof c === "string" ? c : c.id)) : [];

/** Widgets whose empty input on create means "the column's default", said as a placeholder. */
const DEFAULT_PLACEHOLDER = new Set(["number", "decimal", "json", "relation"]);

/** What an empty input means, said in the input itself. */
function placeholderFor(spec: FormFieldSpec, mode: FormMode): string | undefined {
  if (mode !== "create" || spec.required || spec.nullable) return undefined;
  if (spec.descriptor?.serverDefault) return "Set by the server";
  return DEFAULT_PLACEHOLDER.has(spec.widget) ? "Default" : undefined;
}

/**
 * The field's help, plus "1,950 / 2,000 characters" once a text nears its maximum: the input stops at the limit
 * (maxLength), so the writer sees why before it does.
 */
function withLengthHint(spec: FormFieldSpec, value: Draft): ReactNode {
  const max = spec.descriptor?.rules?.maxLength;
  const length = asText(value).length;
  if (!max || length < max * 0.8) return spec.help;
  const count = `${length.toLocaleString("en")} / ${max.toLocaleString("en")} characters`;
  return spec.help ? `${spec.help} ${count}` : count;
}

/** One editable field: FormField's label, help and error around the widget its descriptor (or override) names. */
export function FieldControl({
  id,
  spec,
  mode,
  value,
  errors,
  onChange,
  onBlur,
  disabled,
  focusRequest,
}: FieldControlProps) {
  // Invalid JSON is shown while typing, not only after leaving the field.
  const live = spec.widget === "json" ? jsonError(asText(value), spec.label) : undefined;
  // A file widget's own refusals (too large, wrong type, the server's answer to an upload) show as the field's error.
  const [fileProblems, setFileProblems] = useState<string[]>([]);
  const shown = errors?.length
    ? [...errors, ...fileProblems]
    : live
      ? [live]
      : fileProblems.length
        ? fileProblems
        : undefined;
  const placeholder = spec.placeholder ?? placeholderFor(spec, mode);

  const render = (control: FormControlProps, field: FormFieldMeta): ReactNode => {
    const base = { spec, mode, control, field, onBlur, placeholder, disabled };
    switch (spec.widget) {
      case "switch":
        return <SwitchWidget {...base} value={value === true} onChange={onChange} />;
      case "relation":
        return <RelationWidget {...base} value={asChoice(value)} onChange={onChange} />;
      case "multiselect":
        return <MultiSelectWidget {...base} value={asChoices(value)} onChange={onChange} />;
      case "markdown":
        return <MarkdownWidget {...base} value={asText(value)} onChange={onChange} focusRequest={focusRequest} />;
      case "textarea":
        return <TextareaWidget {...base} value={asText(value)} onChange={onChange} />;
      case "number":
        return <NumberWidget {...base} value={asText(value)} onChange={onChange} />;
      case "decimal":
        return <DecimalWidget {...base} value={asText(value)} onChange={onChange} />;
      case "time":
        return <TimeWidget {...base} value={asText(value)} onChange={onChange} />;
      case "tags":
        // An array of enum values picks from its options; any other array takes typed entries.
        return spec.descriptor?.items === "enum" ? (
          <OptionsWidget {...base} value={asEntries(value)} onChange={onChange} />
        ) : (
          <TagsWidget {...base} value={asEntries(value)} onChange={onChange} />
        );
      case "select":
        return <SelectWidget {...base} value={asText(value)} onChange={onChange} />;
      case "date":
        return <DateWidget {...base} value={asText(value)} onChange={onChange} />;
      case "datetime":
        return <DateTimeWidget {...base} value={asText(value)} onChange={onChange} />;
      case "json":
        return <JsonWidget {...base} value={asText(value)} onChange={onChange} />;
      case "file":
        return <FileWidget {...base} value={asFiles(value)} onChange={onChange} onProblems={setFileProblems} />;
      default:
        return <TextWidget {...base} value={asText(value)} onChange={onChange} />;
    }
  };

  return (
    <FormField
      id={id}
      label={spec.label}
      required={spec.required}
      help={withLengthHint(spec, value)}
      error={shown}
      layout={spec.widget === "switch" ? "inline" : "stacked"}
    >
      {render}
    </FormField>
  );
}
