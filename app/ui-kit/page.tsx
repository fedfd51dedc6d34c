import type { Metadata } from "next";
import { developmentOnly } from "@/app/dev/development-only";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { ButtonsSection } from "./_sections/buttons-section";
import { ComboboxSection } from "./_sections/combobox-section";
import { DataSection } from "./_sections/data-section";
import { FormSection } from "./_sections/form-section";
import { OverlaySection } from "./_sections/overlay-section";
import { ThemeSection } from "./_sections/theme-section";

export const metadata: Metadata = { title: "UI kit (developer page)", robots: { index: false, follow: false } };

/** A developer gallery of components/ui: every primitive in its states, in whichever theme is on. Not linked from the app. */
export default async function UiKitPage() {
  await developmentOnly();
  return (
    <div className="space-y-10">
      <div className="space-y-3">
        <h1 className="text-3xl font-bold tracking-tight">UI kit</h1>
        <Alert variant="warning" role="note">
          <AlertTitle>Developer page</AlertTitle>
          <AlertDescription>
            A gallery of the primitives in <code className="font-mono">components/ui</code> for checking looks, focus
            and dark mode. It is not linked from the app, not indexed, and shows no data.
          </AlertDescription>
        </Alert>
      </div>
      <ThemeSection />
      <ButtonsSection />
      <FormSection />
      <ComboboxSection />
      <OverlaySection />
      <DataSection />
    </div>
  );
}
