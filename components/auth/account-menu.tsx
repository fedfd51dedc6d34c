"use client";
import Link from "next/link";
import type { StoredFile } from "@/components/files/stored-file";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { LiveAvatar } from "./live-avatar";

/**
 * The signed-in account corner on a phone: one button opening a menu, so the header stays one row at 390 px where
 * the name, role and three links side by side would wrap into two or three.
 */
export function AccountMenu({
  user,
  avatar,
  staff,
  signOutAction,
}: {
  user: { id: string; name: string; role: string };
  avatar: StoredFile | null;
  staff: boolean;
  signOutAction: () => Promise<void>;
}) {
  return (
    <DropdownMenu>
      <DropdownMenuTrigger
        aria-label={`Account: ${user.name}`}
        className="inline-flex size-9 items-center justify-center rounded-md hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:hover:bg-zinc-800"
      >
        <LiveAvatar user={user} avatar={avatar} />
      </DropdownMenuTrigger>
      <DropdownMenuContent className="min-w-52">
        <DropdownMenuLabel>
          <span className="block truncate font-medium">{user.name}</span>
          <span className="block text-xs font-normal text-zinc-500 dark:text-zinc-400">{user.role}</span>
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        {staff ? (
          <DropdownMenuItem asChild>
            <Link href="/admin">Admin</Link>
          </DropdownMenuItem>
        ) : null}
        <DropdownMenuItem asChild>
          <Link href="/account">Profile</Link>
        </DropdownMenuItem>
        <DropdownMenuItem asChild>
          <Link href="/account/tokens">API tokens</Link>
        </DropdownMenuItem>
        <DropdownMenuSeparator />
        {/* A real form post: signing out works the same as the wide header's button. */}
        <form action={signOutAction}>
          <DropdownMenuItem asChild>
            <button type="submit" className="w-full">
              Sign out
            </button>
          </DropdownMenuItem>
        </form>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
