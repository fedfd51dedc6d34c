/**
 * The field-type vocabulary of generated UIs (issue 14's contract), as the engine defines it: value kinds, widgets,
 * badge tones and the descriptor `meta` serves. Re-exported in one place for components.
 */
import { TONE_ORDER, type Tone } from "@/server/core/fields";
import type { FieldDescriptor } from "@/server/core/meta";

export type { FieldRules, Tone, Widget } from "@/server/core/fields";
export type { FieldDescriptor } from "@/server/core/meta";
export type { ValueKind } from "@/server/core/values";

/**
 * An enum option's badge colour: the descriptor's, else the engine's default for the option's position, so a value
 * keeps its colour whatever the rows.
 */
export function toneOf(field: Pick<FieldDescriptor, "tones" | "options">, option: string): Tone {
  const given = field.tones?.[option];
  if (given) return given;
  const index = field.options?.indexOf(option) ?? -1;
  return index < 0 ? "gray" : (TONE_ORDER[index % TONE_ORDER.length] ?? "gray");
}
