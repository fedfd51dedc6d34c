"use client";
import { Toaster as Sonner, type ToasterProps } from "sonner";
import { useTheme } from "./theme";

/** Call toast("Saved"), toast.success(…), toast.error(…) from client code; <Toaster /> is mounted once in the layout. */
export { toast } from "sonner";

/** Sonner's toast region (an aria-live list, F6/Alt+T focuses it), following the app's theme. Needs ThemeProvider. */
export function Toaster(props: ToasterProps) {
  const { resolvedTheme } = useTheme();
  return (
    <Sonner
      theme={resolvedTheme}
      position="bottom-right"
      closeButton
      richColors
      toastOptions={{ classNames: { toast: "font-sans rounded-md!", description: "opacity-90" } }}
      {...props}
    />
  );
}
