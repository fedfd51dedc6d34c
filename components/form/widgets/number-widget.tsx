import { Input } from "@/components/ui/input";
import type { WidgetProps } from "./widget-props";

/**
 * A number typed as text with a numeric keyboard: `type="number"` would hide half-typed input ("1e", "-") from the
 * form as an empty value, so a typo could silently clear the field instead of showing "must be a number". A bigint
 * column's text becomes a BigInt (form-values.ts), never a float, so values past 2^53 stay exact.
 */
export function NumberWidget({ spec, control, value, onChange, onBlur, placeholder, disabled }: WidgetProps<string>) {
  const kind = spec.descriptor?.type;
  const integer = kind === "integer" || kind === "bigint";
  return (
    <Input
      {...control}
      type="text"
      inputMode={integer ? "numeric" : "decimal"}
      name={spec.name}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      onBlur={onBlur}
      required={spec.required}
      placeholder={placeholder}
      disabled={disabled}
      autoComplete="off"
      className="tabular-nums sm:max-w-48"
    />
  );
}
