import { Input } from "@/components/ui/input";
import type { WidgetProps } from "./widget-props";

const zone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** A moment, entered in the user's own time zone, which is named under the input so nobody has to guess. */
export function DateTimeWidget({ spec, control, value, onChange, onBlur, disabled }: WidgetProps<string>) {
  const zoneId = `${control.id}-zone`;
  return (
    <div className="grid gap-1">
      <Input
        {...control}
        aria-describedby={[control["aria-describedby"], zoneId].filter(Boolean).join(" ")}
        type="datetime-local"
        name={spec.name}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        onBlur={onBlur}
        required={spec.required}
        disabled={disabled}
        className="sm:max-w-64"
      />
      {/* The server renders its own zone; the browser's replaces it on hydration. */}
      <p id={zoneId} className="text-xs text-zinc-500 dark:text-zinc-400" suppressHydrationWarning>
        In your time zone ({zone()})
      </p>
    </div>
  );
}
