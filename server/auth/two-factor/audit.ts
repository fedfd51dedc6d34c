/**
 * Two-factor events in the user's history: an audit entry on the users record with a `twoFactor` key naming what
 * happened (as password events have a `password` key), never a secret, a code or a hash.
 */
import { auditLog } from "@/db/schema";
import type { TwoFactorDb } from "./db";

/** Who did it: the user themself or an admin (`id` null for a script or job, named by its reason). */
export interface TwoFactorActor {
  id: string | null;
  name: string;
}

export async function auditTwoFactor(
  tx: TwoFactorDb,
  userId: string,
  by: TwoFactorActor,
  change: { before: string; after: string },
) {
  await tx.insert(auditLog).values({
    actorKind: by.id ? "user" : "system",
    actorId: by.id,
    actorLabel: by.name,
    operation: "update",
    resource: "users",
    recordId: userId,
    before: { twoFactor: change.before },
    after: { twoFactor: change.after },
  });
}
