import { cn } from "@/components/ui/cn";

/** Something that went right ("A code is on its way"), announced politely; FormAlert's counterpart. */
export function FormNotice({ message, className }: { message?: string; className?: string }) {
  if (!message) return null;
  return (
    <p
      role="status"
      className={cn(
        "rounded-md bg-emerald-50 p-3 text-sm text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100",
        className,
      )}
    >
      {message}
    </p>
  );
}
