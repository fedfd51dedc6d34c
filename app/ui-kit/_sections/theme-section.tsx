"use client";
import { FormField } from "@/components/ui/form-field";
import { NativeSelect } from "@/components/ui/select";
import { type Theme, ThemeToggle, useTheme } from "@/components/ui/theme";

const themes: readonly Theme[] = ["system", "light", "dark"];
const isTheme = (value: string): value is Theme => (themes as readonly string[]).includes(value);

import { Section } from "./section";

export function ThemeSection() {
  const { theme, resolvedTheme, setTheme } = useTheme();
  return (
    <Section id="theme" title="Theme">
      <div className="flex flex-wrap items-start gap-x-6 gap-y-3">
        <FormField label="Theme" help={`Showing ${resolvedTheme}.`} className="w-56">
          <NativeSelect value={theme} onChange={(event) => isTheme(event.target.value) && setTheme(event.target.value)}>
            <option value="system">System</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </NativeSelect>
        </FormField>
        <div className="flex items-center gap-2 text-sm sm:pt-6">
          <ThemeToggle /> <span>the header&apos;s toggle</span>
        </div>
      </div>
    </Section>
  );
}
