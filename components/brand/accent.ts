/**
 * The accent colour of atrium.config.ts as CSS custom properties on <html>; app/globals.css maps them to Tailwind's
 * `accent` and `accent-foreground` colours. The foreground (white or black) is whichever reads better on the accent by
 * the WCAG contrast ratio, so any accent keeps the text on it legible (at least 4.5:1, whatever the colour).
 */
import type { CSSProperties } from "react";

export interface Rgb {
  r: number;
  g: number;
  b: number;
}

const HEX_COLOUR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

/** `#rgb` or `#rrggbb` (any case) as 0-255 channels; anything else is null. */
export function parseHexColour(value: string): Rgb | null {
  if (!HEX_COLOUR.test(value)) return null;
  const digits = value.length === 4 ? [...value.slice(1)].map((d) => d + d).join("") : value.slice(1);
  const channel = (i: number) => Number.parseInt(digits.slice(i, i + 2), 16);
  return { r: channel(0), g: channel(2), b: channel(4) };
}

/** WCAG 2 relative luminance. */
function luminance({ r, g, b }: Rgb): number {
  const linear = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** WCAG 2 contrast ratio, from 1 (none) to 21 (black on white). */
export function contrastRatio(a: Rgb, b: Rgb): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

const WHITE: Rgb = { r: 255, g: 255, b: 255 };
const BLACK: Rgb = { r: 0, g: 0, b: 0 };

/** White or black, whichever contrasts more with the accent. */
export function accentForeground(accent: Rgb): "#ffffff" | "#000000" {
  return contrastRatio(accent, WHITE) >= contrastRatio(accent, BLACK) ? "#ffffff" : "#000000";
}

/** The `style` of <html>: `--atrium-accent` and `--atrium-accent-foreground`. A bad colour fails the build loudly. */
export function accentVariables(accent: string): CSSProperties {
  const rgb = parseHexColour(accent);
  if (!rgb) throw new Error(`atrium.config.ts: accent must be a #rgb or #rrggbb colour, not ${JSON.stringify(accent)}`);
  return {
    "--atrium-accent": accent.toLowerCase(),
    "--atrium-accent-foreground": accentForeground(rgb),
  } as CSSProperties;
}
