"use client";
/**
 * The signed-in user's picture in a header, kept live: their own `users` record (the layout reads it for the first
 * paint) is followed over `users.onChange`, so a new avatar or name shows in every open tab without a reload.
 */
import { useQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { UserAvatar } from "@/components/files/user-avatar";
import { useLiveRecord } from "@/components/live/use-live";
import { useTRPC } from "@/components/trpc/provider";
import type { AppRouter } from "@/server/router";

/** The user's own record as `users.get` returns it. */
export type OwnRecord = inferRouterOutputs<AppRouter>["users"]["get"];

export function LiveAvatar({
  user,
  initial,
  className,
}: {
  user: { id: string; name: string };
  /** The record as the layout read it: no request on load, and no flash of initials before the picture. */
  initial?: OwnRecord;
  className?: string;
}) {
  const trpc = useTRPC();
  const input = { id: user.id };
  const { data } = useQuery(trpc.users.get.queryOptions(input, initial ? { initialData: initial } : {}));
  useLiveRecord("users", input);
  return (
    <UserAvatar
      user={{ id: user.id, name: data?.name ?? user.name, avatar: data?.avatar ?? null }}
      className={className}
    />
  );
}
