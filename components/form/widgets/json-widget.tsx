import { Textarea } from "@/components/ui/textarea";
import type { WidgetProps } from "./widget-props";

/** JSON as text; the field shows "<Label> is not valid JSON: …" while the text does not parse (see field-control.tsx). */
export function JsonWidget({ spec, control, value, onChange, onBlur, placeholder, disabled }: WidgetProps<string>) {
  return (
    <Textarea
      {...control}
      name={spec.name}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      onBlur={onBlur}
      placeholder={placeholder ?? "{ }"}
      disabled={disabled}
      spellCheck={false}
      autoCapitalize="off"
      autoCorrect="off"
      rows={4}
      className="font-mono text-xs"
    />
  );
}
