/** The app's logo and name from atrium.config.ts, as the site header, the admin and error pages show them. */
import { appConfig } from "@/atrium.config";
import { accentVariables } from "./accent";

/** Set on <html> by the root layout, so `bg-accent` and friends follow atrium.config.ts everywhere. */
export const accentStyle = accentVariables(appConfig.accent);

export function Brand({ suffix }: { suffix?: string }) {
  return (
    <span className="inline-flex items-center gap-2">
      <span className="inline-flex size-6 shrink-0 items-center justify-center overflow-hidden rounded-md bg-accent">
        {/* biome-ignore lint/performance/noImgElement: a 24 px logo from public/ gains nothing from the optimiser */}
        <img src={appConfig.logo} alt="" width={24} height={24} className="size-6" />
      </span>
      <span>{suffix ? `${appConfig.name} ${suffix}` : appConfig.name}</span>
    </span>
  );
}
