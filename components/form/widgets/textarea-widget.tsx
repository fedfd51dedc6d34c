import { Textarea } from "@/components/ui/textarea";
import type { WidgetProps } from "./widget-props";

/** Several lines of plain text. */
export function TextareaWidget({ spec, control, value, onChange, onBlur, placeholder, disabled }: WidgetProps<string>) {
  return (
    <Textarea
      {...control}
      name={spec.name}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      onBlur={onBlur}
      required={spec.required}
      maxLength={spec.descriptor?.rules?.maxLength}
      placeholder={placeholder}
      disabled={disabled}
      rows={4}
    />
  );
}
