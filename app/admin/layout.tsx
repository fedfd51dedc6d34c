import type { Metadata } from "next";
import { forbidden, redirect } from "next/navigation";
import type { ReactNode } from "react";
import { appConfig } from "@/atrium.config";
import { AdminShell } from "@/components/admin/admin-shell";
import { SessionCacheGuard } from "@/components/trpc/session-cache-guard";
import { adminResources, adminUser } from "@/server/admin";
import { currentAvatar } from "@/server/auth/current-user";
import { signOutAction } from "../(site)/(auth)/actions";

export const metadata: Metadata = { title: { default: "Admin", template: `%s · Admin · ${appConfig.name}` } };
// Permissions are per request; nothing here may be prerendered.
export const dynamic = "force-dynamic";

export default async function AdminLayout({ children }: { children: ReactNode }) {
  const { user, allowed } = await adminUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent("/admin")}`);
  // A real 403 status with app/forbidden.tsx as the page, not a refusal rendered with 200.
  if (!allowed) forbidden();
  return (
    <AdminShell
      user={{ id: user.id, name: user.name, role: user.role }}
      // The header's picture, read with the session (the header keeps it live).
      avatar={await currentAvatar()}
      resources={adminResources()}
      signOutAction={signOutAction}
    >
      <SessionCacheGuard userId={user.id} />
      {children}
    </AdminShell>
  );
}
