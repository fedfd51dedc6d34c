import { Input } from "@/components/ui/input";
import type { WidgetProps } from "./widget-props";

/** A time of day (a `time` column), in the browser's own 12- or 24-hour picker; seconds only when the value has them. */
export function TimeWidget({ spec, control, value, onChange, onBlur, disabled }: WidgetProps<string>) {
  const withSeconds = /^\d{2}:\d{2}:/.test(value);
  return (
    <Input
      {...control}
      type="time"
      step={withSeconds ? 1 : undefined}
      name={spec.name}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      onBlur={onBlur}
      required={spec.required}
      disabled={disabled}
      className="tabular-nums sm:max-w-40"
    />
  );
}
