import { Input } from "@/components/ui/input";
import type { WidgetProps } from "./widget-props";

/**
 * A number typed as text with a numeric keyboard: `type="number"` would hide half-typed input ("1e", "-") from the
 * form as an empty value, so a typo could silently clear the field instead of showing "must be a number".
 */
export function NumberWidget({ spec, control, value, onChange, onBlur, placeholder, disabled }: WidgetProps<string>) {
  const integer = spec.descriptor?.type === "integer";
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
