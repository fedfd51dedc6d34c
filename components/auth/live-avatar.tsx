"use client";
/**
 * The signed-in user's picture in a header, kept live: the layout gives the name and avatar it read with the session
 * (no query of its own, no flash of initials), and the user's own record is followed over `users.onChange`, so a new
 * avatar or name shows in every open tab without a reload. The record is fetched only once it has changed (or taken
 * from the cache when a page already holds it, as /account does).
 */
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { StoredFile } from "@/components/files/stored-file";
import { UserAvatar } from "@/components/files/user-avatar";
import { useLiveRecord } from "@/components/live/use-live";
import { useTRPC } from "@/components/trpc/provider";

export function LiveAvatar({
  user,
  avatar,
  className,
}: {
  user: { id: string; name: string };
  /** The avatar as the layout read it with the session. */
  avatar: StoredFile | null;
  className?: string;
}) {
  const trpc = useTRPC();
  const input = { id: user.id };
  const [changed, setChanged] = useState(false);
  const { data } = useQuery(trpc.users.get.queryOptions(input, { enabled: changed }));
  useLiveRecord("users", input, { onChange: () => setChanged(true) });
  return (
    <UserAvatar
      user={{ id: user.id, name: data ? data.name : user.name, avatar: data ? data.avatar : avatar }}
      className={className}
    />
  );
}
