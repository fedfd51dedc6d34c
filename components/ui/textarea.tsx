import type * as React from "react";
import { cn } from "./cn";
import { controlBase } from "./control-styles";

/** A multi-line text control that grows with its content (field-sizing) from a three-line minimum. */
export function Textarea({ className, ...props }: React.ComponentProps<"textarea">) {
  return (
    <textarea
      data-slot="textarea"
      className={cn(controlBase, "field-sizing-content min-h-20 px-3 py-2", className)}
      {...props}
    />
  );
}
