"use client";
/**
 * A ResourceForm-like create form over the sample descriptor, with no server: the same field list (formFields), the
 * same widgets (FieldControl), the same drafts and checks (fromDraft, then the engine's field schema), and instead of
 * a request, the values it would send, each with its JavaScript type.
 */
import { type FormEvent, useId, useRef, useState } from "react";
import { FieldControl } from "@/components/form/field-control";
import { formFields } from "@/components/form/form-fields";
import { type Draft, type Drafts, fromDraft, toDraft } from "@/components/form/form-values";
import { Button } from "@/components/ui/button";
import { fieldSchema } from "@/server/core/form-schema";
import { SAMPLE_META } from "./sample-resource";

const specs = formFields(SAMPLE_META, { mode: "create" });
const initial: Drafts = Object.fromEntries(specs.map((spec) => [spec.name, toDraft(spec, spec.descriptor?.default)]));

/** One field's messages, as the generated form gives them on blur and on submit. */
function check(name: string, draft: Draft): { value?: unknown; errors: string[] } {
  const spec = specs.find((s) => s.name === name);
  if (!spec) return { errors: [] };
  const parsed = fromDraft(spec, draft, "create");
  if (!parsed.ok) return { errors: [parsed.error] };
  if (parsed.value === undefined || !spec.descriptor) return { value: parsed.value, errors: [] };
  const result = fieldSchema(spec.descriptor, "create").safeParse(parsed.value);
  return result.success
    ? { value: parsed.value, errors: [] }
    : { errors: result.error.issues.map((issue) => issue.message) };
}

/** A value as code, with its type showing: "1234.50" is a string, 9007199254740993n a BigInt. */
export function repr(value: unknown): string {
  if (typeof value === "bigint") return `${value}n`;
  if (value instanceof Date) return `Date(${value.toISOString()})`;
  if (Array.isArray(value)) return `[${value.map(repr).join(", ")}]`;
  return JSON.stringify(value) ?? String(value);
}

const typeOf = (value: unknown) =>
  value === null ? "null" : Array.isArray(value) ? "array" : value instanceof Date ? "Date" : typeof value;

export function FieldsForm() {
  const formId = useId();
  const [drafts, setDrafts] = useState(initial);
  const latest = useRef(drafts);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [sent, setSent] = useState<Record<string, unknown> | null>(null);

  const change = (name: string, value: Draft) => {
    latest.current = { ...latest.current, [name]: value };
    setDrafts(latest.current);
  };
  const blur = (name: string) =>
    setErrors((all) => ({ ...all, [name]: check(name, latest.current[name] ?? null).errors }));

  function submit(event: FormEvent) {
    event.preventDefault();
    const values: Record<string, unknown> = {};
    const found: Record<string, string[]> = {};
    for (const spec of specs) {
      if (!spec.writable) continue;
      const { value, errors: messages } = check(spec.name, latest.current[spec.name] ?? null);
      if (messages.length) found[spec.name] = messages;
      else if (value !== undefined) values[spec.name] = value;
    }
    setErrors(found);
    const first = specs.find((spec) => found[spec.name]?.length);
    if (first) {
      setSent(null);
      document.getElementById(`${formId}-${first.name}`)?.focus();
    } else setSent(values);
  }

  return (
    <div className="grid gap-6">
      <form noValidate aria-label="New sample" onSubmit={submit} className="grid gap-5">
        {specs.map((spec) => (
          <FieldControl
            key={spec.name}
            id={`${formId}-${spec.name}`}
            spec={spec}
            mode="create"
            value={drafts[spec.name] ?? null}
            errors={errors[spec.name]}
            onChange={(value) => change(spec.name, value)}
            onBlur={() => blur(spec.name)}
          />
        ))}
        <div>
          <Button type="submit">Check values</Button>
        </div>
      </form>
      {sent ? (
        <section aria-label="Values sent" className="grid gap-2">
          <h3 className="text-sm font-semibold">What the form would send</h3>
          <dl className="grid grid-cols-[auto_auto_minmax(0,1fr)] gap-x-3 gap-y-1 rounded-md border border-zinc-200 bg-white p-3 text-sm dark:border-zinc-800 dark:bg-zinc-900">
            {Object.entries(sent).map(([name, value]) => (
              <div key={name} className="contents">
                <dt className="font-medium">{name}</dt>
                <dd className="text-zinc-500 dark:text-zinc-400">{typeOf(value)}</dd>
                <dd data-field={name} className="min-w-0 break-all font-mono text-xs leading-5">
                  {repr(value)}
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ) : null}
    </div>
  );
}
