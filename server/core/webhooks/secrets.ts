/**
 * The signing secret shown once (docs/webhooks.md, "The secret"). The server must sign with it, so it is stored as
 * is and never read through the API: `revealSecret` hands a new webhook's secret out exactly once (the admin's
 * create page calls it right after saving), and `rotateSecret` replaces it and hands out the new one (the old one
 * stops working at once). Both are updates through the engine as the admin, so the record's history says who was
 * shown or rotated the secret, and when; the secret itself is a hidden field and never reaches the audit trail.
 */
import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { webhooks } from "@/db/schema";
import { authorize, rowCondition } from "../access";
import { transactionWithAfterCommit } from "../after-commit";
import type { Transaction } from "../executor";
import { updateRecord, type Writer } from "../write";
import type { WebhooksConfig } from "./config";
import { generateSecret } from "./signature";

const asDatabase = (tx: Transaction) => tx as unknown as Database;

/** Locks the webhook the writer may update (as the update rule says), or answers NOT_FOUND. */
async function lockWebhook(config: WebhooksConfig, w: Writer, tx: Transaction, id: string) {
  const resource = config.webhooks;
  const scope = {
    allowed: authorize(resource.access, "update", w.actor, resource.name),
    visible: rowCondition(resource.access, "get", w.actor),
  };
  const [row] = await tx
    .select({ secret: webhooks.secret, shownAt: webhooks.secretShownAt })
    .from(webhooks)
    .where(eq(webhooks.id, id))
    .for("update");
  if (!row) throw new TRPCError({ code: "NOT_FOUND", message: "No such webhook." });
  return { row, scope };
}

export async function revealSecret(config: WebhooksConfig, w: Writer, id: string): Promise<string> {
  return transactionWithAfterCommit(w.db, async (tx) => {
    const { row, scope } = await lockWebhook(config, w, tx, id);
    if (row.shownAt) {
      throw new TRPCError({
        code: "CONFLICT",
        message: "This webhook's secret was already shown. Rotate it to get a new one.",
      });
    }
    await updateRecord({ ...w, db: asDatabase(tx) }, config.webhooks, id, { secretShownAt: new Date() }, scope);
    return row.secret;
  });
}

export async function rotateSecret(config: WebhooksConfig, w: Writer, id: string): Promise<string> {
  const secret = generateSecret();
  await transactionWithAfterCommit(w.db, async (tx) => {
    const { scope } = await lockWebhook(config, w, tx, id);
    const now = new Date();
    await updateRecord(
      { ...w, db: asDatabase(tx) },
      config.webhooks,
      id,
      { secret, secretCreatedAt: now, secretShownAt: now },
      scope,
    );
  });
  return secret;
}
