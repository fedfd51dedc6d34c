import { NativeSelect } from "@/components/ui/select";
import { optionLabel } from "./option-label";
import type { WidgetProps } from "./widget-props";

/**
 * An enum as a native select (keyboard and phone pickers for free). The empty choice means null for a nullable
 * field, "the server's default" for an optional one on create whose default the form cannot show (a SQL expression),
 * and is a disabled prompt for a required one. A column's own default is simply preselected: no empty choice.
 */
export function SelectWidget({ spec, mode, control, value, onChange, onBlur, disabled }: WidgetProps<string>) {
  const options = spec.descriptor?.options ?? [];
  const serverDecides = mode === "create" && !spec.required && spec.descriptor?.default === undefined;
  const emptyLabel = spec.nullable ? "None" : serverDecides ? "Default" : "Choose…";
  const emptySelectable = spec.nullable || serverDecides;
  return (
    // NativeSelect's chevron sits in a full-width wrapper: the width limit goes on a box around it.
    <div className="sm:max-w-64">
      <NativeSelect
        {...control}
        name={spec.name}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        onBlur={onBlur}
        required={spec.required}
        disabled={disabled}
      >
        {emptySelectable || value === "" ? (
          <option value="" disabled={!emptySelectable}>
            {emptyLabel}
          </option>
        ) : null}
        {options.map((option) => (
          <option key={option} value={option}>
            {optionLabel(option)}
          </option>
        ))}
      </NativeSelect>
    </div>
  );
}
