import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { ResourceForm } from "@/components/form/resource-form";
import { currentUser } from "@/server/auth/current-user";

export const metadata: Metadata = { title: "Your profile" };

/**
 * /account: the signed-in user's own profile (name, picture, bio), the generated users form on their own record.
 * What they may change is the users resource's rules (themselves, but not their email or role): an admin's page for
 * the same record shows more. Admin-only and internal fields stay off this page.
 */
export default async function ProfilePage() {
  const user = await currentUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent("/account")}`);
  return (
    <>
      <h1 className="mb-2 text-3xl font-bold tracking-tight">Your profile</h1>
      <p className="mb-8 text-sm text-zinc-600 dark:text-zinc-400">
        Your name, picture and bio show beside your posts and comments, and in the header.{" "}
        <Link href="/account/password" className="underline">
          Change your password
        </Link>{" "}
        or manage your{" "}
        <Link href="/account/tokens" className="underline">
          API tokens
        </Link>
        .
      </p>
      <ResourceForm
        resource="users"
        id={user.id}
        aria-label="Your profile"
        order={["avatar", "name", "bio", "email"]}
        fields={{
          avatar: { help: "Square pictures work best: it shows as a circle." },
          email: { help: "Ask an admin to change it." },
          role: { hidden: true },
          blocked: { hidden: true },
          passwordChangeRequired: { hidden: true },
          createdAt: { hidden: true },
          updatedAt: { hidden: true },
        }}
        submitLabel="Save profile"
      />
    </>
  );
}
