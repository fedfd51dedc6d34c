"use client";
import { useState } from "react";
import { useFormatters } from "@/components/format/use-formatters";
import { Input } from "@/components/ui/input";
import { canonicalDecimal, decimalSeparatorOf, isPartialDecimal, normalizeDecimalInput } from "../decimal";
import type { WidgetProps } from "./widget-props";

/** Why a keystroke was refused, in the field's own words; undefined when the text may stand. */
function refusal(text: string, label: string, precision?: number, scale?: number): string | undefined {
  if (!isPartialDecimal(text)) return `${label} takes digits, one point and a minus sign`;
  const [integer = "", fraction = ""] = text.replace(/^[+-]/, "").split(".");
  const places = scale ?? (precision !== undefined ? 0 : undefined);
  // Zeros past the scale change nothing (they are dropped on leaving the field); other digits would be rounded.
  if (places !== undefined && /[1-9]/.test(fraction.slice(places))) {
    return places === 0
      ? `${label} must be a whole number`
      : `${label} must have at most ${places} ${places === 1 ? "digit" : "digits"} after the point`;
  }
  if (precision !== undefined) {
    const digits = precision - (places ?? 0);
    if (integer.replace(/^0+/, "").length > digits) {
      return `${label} must have at most ${digits} ${digits === 1 ? "digit" : "digits"} before the point`;
    }
  }
  return undefined;
}

/**
 * An exact decimal (a `numeric` column): text all the way, never a float. While being typed it shows the plain digits
 * ("1234.5") and refuses a keystroke the column could not store, saying why; otherwise it shows the value grouped in
 * the reader's locale with the column's scale ("1,234.50"), and on leaving the draft becomes that canonical text.
 */
export function DecimalWidget({ spec, control, value, onChange, onBlur, placeholder, disabled }: WidgetProps<string>) {
  const format = useFormatters();
  const field = spec.descriptor;
  const precision = field?.precision;
  const scale = field?.scale;
  // Grouped until the first keystroke, not merely until focus: replacing the text on focus would drop the selection
  // Tab makes, and typing would then add to the value instead of replacing it. Typed text is read with its grouping.
  const [editing, setEditing] = useState(false);
  const [refused, setRefused] = useState<string | undefined>();
  const canonical = canonicalDecimal(value, scale);
  // Grouped only when formatting cannot round: a value with more places than the scale shows as typed.
  const fits = canonical !== undefined && (scale === undefined || (canonical.split(".")[1]?.length ?? 0) <= scale);
  const shown = editing || !fits ? value : format.decimal(canonical, scale);
  const refusedId = `${control.id}-refused`;

  return (
    <div>
      <Input
        {...control}
        aria-describedby={
          [control["aria-describedby"], refused ? refusedId : undefined].filter(Boolean).join(" ") || undefined
        }
        type="text"
        inputMode="decimal"
        name={spec.name}
        value={shown}
        onChange={(event) => {
          const text = normalizeDecimalInput(event.target.value, decimalSeparatorOf(format.locale));
          const why = refusal(text, spec.label, precision, scale);
          setRefused(why);
          if (why) return;
          setEditing(true);
          onChange(text);
        }}
        onBlur={() => {
          // The refusal stays until the next keystroke: removing it here would move the page under a pointer
          // that is on its way to the Submit button, and swallow that click.
          setEditing(false);
          if (canonical !== undefined && canonical !== value) onChange(canonical);
          onBlur();
        }}
        required={spec.required}
        placeholder={placeholder}
        disabled={disabled}
        autoComplete="off"
        spellCheck={false}
        className="text-right tabular-nums sm:max-w-48"
      />
      {/* Always rendered (empty, it takes no space) so screen readers hear it change. */}
      <p id={refusedId} aria-live="polite" className="mt-1 text-xs text-amber-700 empty:mt-0 dark:text-amber-400">
        {refused}
      </p>
    </div>
  );
}
