import { Input } from "@/components/ui/input";
import type { WidgetProps } from "./widget-props";

const inputTypes = { email: "email", url: "url" } as const;

/** One line of text; `email` and `url` widgets get the matching input type (and phone keyboards). */
export function TextWidget({ spec, control, value, onChange, onBlur, placeholder, disabled }: WidgetProps<string>) {
  const type = spec.widget === "email" || spec.widget === "url" ? inputTypes[spec.widget] : "text";
  return (
    <Input
      {...control}
      type={type}
      name={spec.name}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      onBlur={onBlur}
      required={spec.required}
      maxLength={spec.descriptor?.rules?.maxLength}
      placeholder={placeholder}
      disabled={disabled}
      autoComplete={spec.widget === "email" ? "email" : "off"}
      spellCheck={spec.widget === "text"}
    />
  );
}
