"use client";
import { Checkbox } from "@/components/ui/checkbox";
import { Label } from "@/components/ui/label";
import { optionLabel } from "./option-label";
import type { WidgetProps } from "./widget-props";

/**
 * An array of enum values (status[]): one checkbox per option, in a group named by the field's label. A new pick goes
 * to the end and an unpicked one leaves its place, so the stored order of the others is kept.
 */
export function OptionsWidget({ spec, control, field, value, onChange, onBlur, disabled }: WidgetProps<string[]>) {
  const options = spec.descriptor?.options ?? [];
  const toggle = (option: string, on: boolean) => {
    onChange(on ? [...value.filter((v) => v !== option), option] : value.filter((v) => v !== option));
    onBlur();
  };
  return (
    // Named by the field's label (FormField renders it), so no <legend> of its own.
    <fieldset
      id={control.id}
      aria-labelledby={field.labelId}
      aria-describedby={control["aria-describedby"]}
      aria-invalid={control["aria-invalid"]}
      className="m-0 flex min-w-0 flex-wrap gap-x-4 gap-y-2 border-0 p-0 py-1"
    >
      {options.map((option) => {
        const id = `${control.id}-${option}`;
        return (
          <div key={option} className="flex items-center gap-2">
            <Checkbox
              id={id}
              name={spec.name}
              value={option}
              checked={value.includes(option)}
              onCheckedChange={(checked) => toggle(option, checked === true)}
              disabled={disabled}
            />
            <Label htmlFor={id} className="font-normal">
              {optionLabel(option)}
            </Label>
          </div>
        );
      })}
    </fieldset>
  );
}
