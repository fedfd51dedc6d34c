import { Switch } from "@/components/ui/switch";
import type { WidgetProps } from "./widget-props";

/** On or off; a boolean always has a value, so it is always sent on create. */
export function SwitchWidget({ spec, control, value, onChange, onBlur, disabled }: WidgetProps<boolean>) {
  return (
    <Switch
      {...control}
      name={spec.name}
      checked={value}
      onCheckedChange={(checked) => {
        onChange(checked);
        onBlur();
      }}
      disabled={disabled}
    />
  );
}
