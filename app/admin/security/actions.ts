"use server";
/** The admin security page's setting: which roles must use two-factor (server/auth/two-factor/settings.ts). */
import { revalidatePath } from "next/cache";
import type { RequiredRolesState } from "@/components/admin/security/required-roles-form";
import { getDb } from "@/db/client";
import { adminUser } from "@/server/admin";
import { setRequiredTwoFactorRoles } from "@/server/auth/two-factor";

export async function setRequiredRolesAction(_previous: RequiredRolesState, formData: FormData) {
  const { user } = await adminUser();
  // The page is for admins; so is its action, however it is called.
  if (user?.role !== "admin") return { formError: "Only admins change security settings." };
  const roles = formData.getAll("roles").filter((r) => typeof r === "string");
  const answer = await setRequiredTwoFactorRoles(getDb(), roles, { id: user.id, name: user.name });
  if (!answer.ok) return { formError: answer.message };
  revalidatePath("/admin/security");
  return { notice: answer.changed ? "Saved." : "Nothing changed." };
}
