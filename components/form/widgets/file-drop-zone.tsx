"use client";
/**
 * Where files may be dropped: the area around the file widget's button (which stays the way in for keyboards and
 * screen readers; dropping is the shortcut). Highlights while files are dragged over it.
 */
import { type DragEvent, type ReactNode, useRef, useState } from "react";
import { cn } from "@/components/ui/cn";

const hasFiles = (event: DragEvent) => Array.from(event.dataTransfer.types).includes("Files");

export function DropZone({
  disabled,
  onFiles,
  className,
  children,
}: {
  disabled: boolean;
  onFiles: (files: File[]) => void;
  className?: string;
  children: ReactNode;
}) {
  const [over, setOver] = useState(false);
  // dragenter/dragleave fire for every child crossed: count them so the highlight does not flicker.
  const depth = useRef(0);
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a drop target only; the button inside is the way in for keyboards.
    <div
      data-testid="file-drop-zone"
      data-dragging={over || undefined}
      onDragEnter={(event) => {
        if (disabled || !hasFiles(event)) return;
        event.preventDefault();
        depth.current++;
        setOver(true);
      }}
      onDragOver={(event) => {
        if (disabled || !hasFiles(event)) return;
        // Without this the browser would open the file instead of dropping it here.
        event.preventDefault();
        event.dataTransfer.dropEffect = "copy";
      }}
      onDragLeave={() => {
        depth.current = Math.max(0, depth.current - 1);
        if (depth.current === 0) setOver(false);
      }}
      onDrop={(event) => {
        depth.current = 0;
        setOver(false);
        if (disabled) return;
        event.preventDefault();
        const files = Array.from(event.dataTransfer.files);
        onFiles(files);
      }}
      className={cn(
        "flex flex-wrap items-center gap-x-3 gap-y-2 rounded-md border border-dashed border-zinc-300 px-3 py-4 transition-colors dark:border-zinc-700",
        over && "border-indigo-500 bg-indigo-50 dark:border-indigo-400 dark:bg-indigo-950/40",
        disabled && "opacity-70",
        className,
      )}
    >
      {children}
    </div>
  );
}
