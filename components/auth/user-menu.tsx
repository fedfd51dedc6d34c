import Link from "next/link";
import type { StoredFile } from "@/components/files/stored-file";
import { AccountMenu } from "./account-menu";
import { LiveAvatar } from "./live-avatar";

const linkClass =
  "rounded-md px-2 py-1 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:hover:bg-zinc-800";

/**
 * The header's account corner: sign-in and sign-up links, or who is signed in with their links and sign-out (inline
 * from 640 px, a menu on phones).
 */
export function UserMenu({
  user,
  avatar,
  signOutAction,
}: {
  user: { id: string; name: string; role: string } | null;
  /** The user's avatar, read with the session, for their picture. */
  avatar: StoredFile | null;
  signOutAction: () => Promise<void>;
}) {
  const staff = user?.role === "admin" || user?.role === "editor";
  if (!user) {
    return (
      <ul className="flex items-center gap-1 text-sm">
        <li>
          <Link href="/sign-in" className={linkClass}>
            Sign in
          </Link>
        </li>
        <li>
          <Link
            href="/sign-up"
            className="rounded-md bg-zinc-900 px-3 py-1 font-medium text-white hover:bg-zinc-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 dark:bg-zinc-100 dark:text-zinc-900"
          >
            Sign up
          </Link>
        </li>
      </ul>
    );
  }
  return (
    <>
      <div className="sm:hidden">
        <AccountMenu user={user} avatar={avatar} staff={staff} signOutAction={signOutAction} />
      </div>
      <ul className="hidden items-center gap-1 text-sm sm:flex" aria-label="Account">
        <li>
          {/* The picture leads to the profile (name, picture, bio); the name beside it stays plain text. */}
          <Link
            href="/account"
            aria-label="Your profile"
            className="block rounded-full hover:opacity-80 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500"
          >
            <LiveAvatar user={user} avatar={avatar} />
          </Link>
        </li>
        <li className="pr-2" data-testid="signed-in-user">
          <span className="font-medium">{user.name}</span>{" "}
          <span className="rounded bg-zinc-100 px-1.5 py-0.5 text-xs text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300">
            {user.role}
          </span>
        </li>
        <li>
          <Link href="/account/tokens" className={linkClass}>
            API tokens
          </Link>
        </li>
        <li>
          <form action={signOutAction}>
            <button type="submit" className={linkClass}>
              Sign out
            </button>
          </form>
        </li>
      </ul>
    </>
  );
}
