"use client";
/** The home page's banner: the announcements that are on now (the resource's rule decides which those are). */
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";

export function Announcements() {
  const trpc = useTRPC();
  const { data } = useQuery(trpc.announcements.list.queryOptions({ perPage: 3 }));
  // Staff see inactive notices in the admin; the public banner shows only those switched on.
  const items = data?.items.filter((a) => a.active) ?? [];
  if (items.length === 0) return null;
  return (
    <section aria-label="Announcements" className="mb-6 space-y-2">
      {items.map((a) => (
        <Alert key={a.id} variant={a.tone === "warning" ? "warning" : a.tone === "success" ? "success" : "info"}>
          <AlertTitle>{a.title}</AlertTitle>
          <AlertDescription>{a.message.replace(/\*\*/g, "")}</AlertDescription>
        </Alert>
      ))}
    </section>
  );
}
