import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { AdminShell } from "@/components/admin/admin-shell";
import { SessionCacheGuard } from "@/components/trpc/session-cache-guard";
import { adminResources, adminUser } from "@/server/admin";
import { signOutAction } from "../(site)/(auth)/actions";

export const metadata: Metadata = { title: { default: "Admin", template: "%s · Admin · Atrium" } };
// Permissions are per request; nothing here may be prerendered.
export const dynamic = "force-dynamic";

export default async function AdminLayout({ children }: { children: ReactNode }) {
  const { user, allowed } = await adminUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent("/admin")}`);
  if (!allowed) {
    return (
      <main className="mx-auto max-w-xl px-4 py-24 text-center" data-testid="admin-forbidden">
        <p className="text-sm font-semibold text-red-700 dark:text-red-400">403</p>
        <h1 className="mt-2 text-3xl font-bold tracking-tight">The admin is for editors and admins</h1>
        <p className="mt-4 text-zinc-600 dark:text-zinc-400">
          You are signed in as {user.name} ({user.role}). Ask an admin for the editor role if you need access.
        </p>
        <Link href="/" className="mt-8 inline-block text-indigo-700 underline dark:text-indigo-300">
          Back to the site
        </Link>
      </main>
    );
  }
  return (
    <AdminShell user={{ name: user.name, role: user.role }} resources={adminResources()} signOutAction={signOutAction}>
      <SessionCacheGuard userId={user.id} />
      {children}
    </AdminShell>
  );
}
