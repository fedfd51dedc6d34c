/**
 * The admin's warning before you change your own access. Saving goes through `ResourceForm`'s generic `confirmSave`;
 * which fields of which resource are "your access" is this app's knowledge (the users resource is the one whose
 * records are accounts), so it lives here beside the admin, not in the engine's field config. The server refuses
 * what must never happen (no active admin left); this only makes sure a person means what they are doing to
 * themself.
 */
import type { PendingSave, SaveConfirmation } from "@/components/form/types";

type UserSave = PendingSave<"users">;

const ROLE_NAMES: Record<string, string> = { admin: "admin", editor: "editor", member: "member" };

/** What to ask before this save of the signed-in person's own user record, or null when it leaves their access. */
export function selfAccessWarning({ values, record }: UserSave): SaveConfirmation | null {
  const wasAdmin = record?.role === "admin";
  const demoted = values.role !== undefined && values.role !== record?.role;
  const blocked = values.blocked === true && record?.blocked !== true;
  if (!demoted && !blocked) return null;
  const role = ROLE_NAMES[String(values.role)] ?? String(values.role);
  const lose = wasAdmin ? "You will lose admin access immediately" : "Your access changes immediately";
  if (blocked) {
    return {
      title: demoted ? `Block your own account and make it ${role}?` : "Block your own account?",
      description: `${lose} and be signed out: a blocked account cannot sign in. Only another admin can unblock it.`,
      confirmLabel: "Block my account",
      destructive: true,
    };
  }
  const aRole = `${/^[aeiou]/.test(role) ? "an" : "a"} ${role}`;
  return {
    title: `Make yourself ${aRole}?`,
    description: `${lose}: admin-only pages and actions will refuse you. Only another admin can give it back.`,
    confirmLabel: `Make me ${aRole}`,
    destructive: true,
  };
}
