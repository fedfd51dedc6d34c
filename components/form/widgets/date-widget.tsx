import { Input } from "@/components/ui/input";
import type { WidgetProps } from "./widget-props";

/** A calendar day; the value is that day at UTC midnight, so it reads the same in every time zone. */
export function DateWidget({ spec, control, value, onChange, onBlur, disabled }: WidgetProps<string>) {
  return (
    <Input
      {...control}
      type="date"
      name={spec.name}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      onBlur={onBlur}
      required={spec.required}
      disabled={disabled}
      className="sm:max-w-48"
    />
  );
}
