"use client";
import { Popover as PopoverPrimitive } from "radix-ui";
import type * as React from "react";
import { cn } from "./cn";
import { popMotion, surface } from "./control-styles";

/**
 * A non-modal floating panel anchored to its trigger: Escape or a click outside closes it and focus returns to the
 * trigger. The relation picker puts a Combobox inside (width: className="w-(--radix-popover-trigger-width) p-0").
 */
export function Popover(props: React.ComponentProps<typeof PopoverPrimitive.Root>) {
  return <PopoverPrimitive.Root {...props} />;
}

export function PopoverTrigger(props: React.ComponentProps<typeof PopoverPrimitive.Trigger>) {
  return <PopoverPrimitive.Trigger data-slot="popover-trigger" {...props} />;
}

/** Positions the content against something other than the trigger (e.g. a whole field row). */
export function PopoverAnchor(props: React.ComponentProps<typeof PopoverPrimitive.Anchor>) {
  return <PopoverPrimitive.Anchor data-slot="popover-anchor" {...props} />;
}

export function PopoverContent({
  className,
  align = "start",
  sideOffset = 4,
  ...props
}: React.ComponentProps<typeof PopoverPrimitive.Content>) {
  return (
    <PopoverPrimitive.Portal>
      <PopoverPrimitive.Content
        data-slot="popover-content"
        align={align}
        sideOffset={sideOffset}
        className={cn(
          surface,
          "z-50 w-72 max-w-[calc(100vw-1rem)] origin-(--radix-popover-content-transform-origin) p-4 outline-none",
          popMotion,
          className,
        )}
        {...props}
      />
    </PopoverPrimitive.Portal>
  );
}
