"use client";
/**
 * The diagram in a scrolling frame with zoom buttons. The SVG is drawn on the server and passed in as markup (it is
 * escaped and inert by construction, see server/core/schema-diagram/svg.ts); zoom only changes its displayed width,
 * so text stays sharp at every size. The theme's colours reach it through the --erd-* variables set here.
 */
import { Maximize, Minus, Plus, Scan } from "lucide-react";
import { type CSSProperties, useRef, useState } from "react";
import { Button } from "@/components/ui/button";

const STEPS = [0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1, 1.25, 1.5, 2] as const;
const MIN = STEPS[0];
const MAX = STEPS[STEPS.length - 1] ?? 2;

// Light is the SVG's own fallback palette; dark sets every colour (server/core/schema-diagram/svg.ts PALETTE).
const THEME = [
  "[--erd-bg:#ffffff]",
  "dark:[--erd-fg:#f4f4f5] dark:[--erd-muted:#a1a1aa] dark:[--erd-bg:#18181b] dark:[--erd-box:#09090b]",
  "dark:[--erd-head:#27272a] dark:[--erd-border:#71717a] dark:[--erd-line:#a1a1aa] dark:[--erd-accent:#c4b5fd]",
  "dark:[--erd-key:#fbbf24]",
].join(" ");

export function DiagramViewer({ svg, width, label }: { svg: string; width: number; label: string }) {
  const [zoom, setZoom] = useState(1);
  const frame = useRef<HTMLElement>(null);
  const step = (direction: 1 | -1) =>
    setZoom((current) =>
      direction > 0
        ? (STEPS.find((s) => s > current + 0.001) ?? MAX)
        : ([...STEPS].reverse().find((s) => s < current - 0.001) ?? MIN),
    );
  const fit = () => {
    const available = (frame.current?.clientWidth ?? width) - 2;
    setZoom(Math.min(MAX, Math.max(MIN, available / width)));
  };
  const sizing = { "--erd-width": `${width}px`, "--erd-zoom": zoom } as CSSProperties;

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2" role="toolbar" aria-label="Diagram zoom">
        <Button variant="outline" size="sm" onClick={() => step(-1)} disabled={zoom <= MIN} aria-label="Zoom out">
          <Minus aria-hidden />
        </Button>
        <Button variant="outline" size="sm" onClick={() => step(1)} disabled={zoom >= MAX} aria-label="Zoom in">
          <Plus aria-hidden />
        </Button>
        <Button variant="outline" size="sm" onClick={fit}>
          <Scan aria-hidden /> Fit width
        </Button>
        <Button variant="outline" size="sm" onClick={() => setZoom(1)} disabled={zoom === 1}>
          <Maximize aria-hidden /> Actual size
        </Button>
        <output className="min-w-12 text-sm text-zinc-600 tabular-nums dark:text-zinc-400" aria-live="polite">
          {Math.round(zoom * 100)}%
        </output>
      </div>
      <section
        ref={frame}
        aria-label={label}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable to scroll by keyboard.
        tabIndex={0}
        data-testid="schema-diagram"
        style={sizing}
        className={`${THEME} max-h-[75vh] overflow-auto rounded-lg border border-zinc-200 bg-white focus-visible:outline-2 focus-visible:outline-indigo-500 dark:border-zinc-800 dark:bg-zinc-900 [&_svg]:block [&_svg]:h-auto [&_svg]:max-w-none [&_svg]:w-[calc(var(--erd-width)*var(--erd-zoom))]`}
        // The markup is ours: every name in it was escaped when it was drawn.
        // biome-ignore lint/security/noDangerouslySetInnerHtml: server-drawn SVG, escaped and script-free.
        dangerouslySetInnerHTML={{ __html: svg }}
      />
    </div>
  );
}
