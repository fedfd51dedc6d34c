import type { Metadata } from "next";
import Link from "next/link";
import { RequiredRolesForm } from "@/components/admin/security/required-roles-form";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { getDb } from "@/db/client";
import { adminUser } from "@/server/admin";
import { ROLES, requiredTwoFactorRoles, twoFactorCoverage, twoFactorStatus } from "@/server/auth/two-factor";
import { setRequiredRolesAction } from "./actions";

export const metadata: Metadata = { title: "Security" };

const ROLE_LABELS: Record<(typeof ROLES)[number], string> = { admin: "Admins", editor: "Editors", member: "Members" };

/** Account security settings (docs/two-factor.md): the roles that must use two-factor. Admins only. */
export default async function SecurityPage() {
  const { user } = await adminUser();
  if (user?.role !== "admin") {
    return (
      <p role="alert" className="text-zinc-700 dark:text-zinc-300">
        The security page is for admins.
      </p>
    );
  }
  const db = getDb();
  const [required, coverage, own] = await Promise.all([
    requiredTwoFactorRoles(db),
    twoFactorCoverage(db),
    twoFactorStatus(db, user.id),
  ]);
  return (
    <div className="max-w-2xl space-y-6">
      <div className="space-y-1">
        <h1 className="text-3xl font-bold tracking-tight">Security</h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">Settings that apply to every account.</p>
      </div>
      <section
        aria-labelledby="require-two-factor-title"
        className="space-y-4 rounded-lg border border-zinc-200 bg-white p-5 shadow-sm dark:border-zinc-800 dark:bg-zinc-900"
      >
        <div className="space-y-1">
          <h2 id="require-two-factor-title" className="text-lg font-semibold">
            Two-factor authentication
          </h2>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            Users of a required role who have not set up two-factor can open nothing but their{" "}
            <Link href="/account/security" className="underline">
              security page
            </Link>{" "}
            until they do. A user who lost their phone and recovery codes is helped from their page under Users (“Reset
            two-factor”).
          </p>
        </div>
        {!own?.enabled ? (
          <Alert variant="warning">
            <AlertTitle>You do not use two-factor yourself</AlertTitle>
            <AlertDescription>
              Requiring it for admins means you set it up first, on your{" "}
              <Link href="/account/security" className="underline">
                security page
              </Link>
              .
            </AlertDescription>
          </Alert>
        ) : null}
        <RequiredRolesForm
          roles={ROLES.map((role) => ({
            role,
            label: ROLE_LABELS[role],
            required: required.includes(role),
            ...coverage[role],
          }))}
          action={setRequiredRolesAction}
        />
      </section>
    </div>
  );
}
