"use client";
/** The home page's banner: the announcements that are on now (the resource's rule decides which those are). */
import { useQuery } from "@tanstack/react-query";
import { useLiveList } from "@/components/live/use-live";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";

export function Announcements() {
  const trpc = useTRPC();
  const input = { perPage: 3 };
  const { data } = useQuery(trpc.announcements.list.queryOptions(input));
  // Switched on, edited or removed in the admin: the banner follows. (Start and end dates pass without an event;
  // the banner catches up on its next change or reconnect, see README "Live updates", limits.)
  useLiveList("announcements", input);
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
