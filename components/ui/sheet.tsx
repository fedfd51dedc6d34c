"use client";
import { cva, type VariantProps } from "class-variance-authority";
import { X } from "lucide-react";
import { Dialog as SheetPrimitive } from "radix-ui";
import type * as React from "react";
import { cn } from "./cn";
import { focusRing } from "./control-styles";
import { overlayClass } from "./dialog";

/**
 * A drawer sliding in from an edge: a Radix Dialog underneath (focus trap, Escape, inert page), used for the admin
 * sidebar on phones. Like DialogContent, every SheetContent needs a SheetTitle.
 */
export function Sheet(props: React.ComponentProps<typeof SheetPrimitive.Root>) {
  return <SheetPrimitive.Root {...props} />;
}

export function SheetTrigger(props: React.ComponentProps<typeof SheetPrimitive.Trigger>) {
  return <SheetPrimitive.Trigger data-slot="sheet-trigger" {...props} />;
}

export function SheetClose(props: React.ComponentProps<typeof SheetPrimitive.Close>) {
  return <SheetPrimitive.Close data-slot="sheet-close" {...props} />;
}

export const sheetVariants = cva(
  "fixed z-50 flex flex-col gap-4 overflow-y-auto bg-white p-6 text-zinc-900 shadow-lg motion-safe:data-[state=closed]:animate-fade-out dark:bg-zinc-900 dark:text-zinc-100",
  {
    variants: {
      side: {
        left: "inset-y-0 left-0 h-full w-3/4 max-w-sm border-r border-zinc-200 motion-safe:data-[state=open]:animate-slide-in-left dark:border-zinc-800",
        right:
          "inset-y-0 right-0 h-full w-3/4 max-w-sm border-l border-zinc-200 motion-safe:data-[state=open]:animate-slide-in-right dark:border-zinc-800",
        top: "inset-x-0 top-0 max-h-[80dvh] border-b border-zinc-200 motion-safe:data-[state=open]:animate-slide-in-top dark:border-zinc-800",
        bottom:
          "inset-x-0 bottom-0 max-h-[80dvh] border-t border-zinc-200 motion-safe:data-[state=open]:animate-slide-in-bottom dark:border-zinc-800",
      },
    },
    defaultVariants: { side: "left" },
  },
);

export function SheetContent({
  className,
  children,
  side,
  showClose = true,
  ...props
}: React.ComponentProps<typeof SheetPrimitive.Content> & VariantProps<typeof sheetVariants> & { showClose?: boolean }) {
  return (
    <SheetPrimitive.Portal>
      <SheetPrimitive.Overlay data-slot="sheet-overlay" className={overlayClass} />
      <SheetPrimitive.Content data-slot="sheet-content" className={cn(sheetVariants({ side }), className)} {...props}>
        {children}
        {showClose ? (
          <SheetPrimitive.Close
            className={cn(
              "absolute top-4 right-4 cursor-pointer rounded-md p-1 text-zinc-500 hover:bg-zinc-100 hover:text-zinc-900 dark:hover:bg-zinc-800 dark:hover:text-zinc-100",
              focusRing,
            )}
          >
            <X aria-hidden="true" className="size-4" />
            <span className="sr-only">Close</span>
          </SheetPrimitive.Close>
        ) : null}
      </SheetPrimitive.Content>
    </SheetPrimitive.Portal>
  );
}

export function SheetHeader({ className, ...props }: React.ComponentProps<"div">) {
  return <div data-slot="sheet-header" className={cn("flex flex-col gap-1.5 pr-8", className)} {...props} />;
}

export function SheetFooter({ className, ...props }: React.ComponentProps<"div">) {
  return <div data-slot="sheet-footer" className={cn("mt-auto flex flex-col gap-2", className)} {...props} />;
}

export function SheetTitle({ className, ...props }: React.ComponentProps<typeof SheetPrimitive.Title>) {
  return <SheetPrimitive.Title data-slot="sheet-title" className={cn("text-lg font-semibold", className)} {...props} />;
}

export function SheetDescription({ className, ...props }: React.ComponentProps<typeof SheetPrimitive.Description>) {
  return (
    <SheetPrimitive.Description
      data-slot="sheet-description"
      className={cn("text-sm text-zinc-600 dark:text-zinc-400", className)}
      {...props}
    />
  );
}
