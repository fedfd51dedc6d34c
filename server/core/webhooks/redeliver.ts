/**
 * "Redeliver" in the admin: sends a logged delivery's event once more, now, even to a disabled webhook (to try a
 * fixed receiver before switching the webhook back on). Same event id and body as before, a fresh timestamp and
 * signature; the attempt is logged as manual, with who asked.
 */
import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { webhookDeliveries } from "@/db/schema";
import { type Actor, userOf } from "../actor";
import type { Executor } from "../executor";
import { enqueue } from "../jobs/enqueue";
import type { DeliveryJob } from "./deliver";

export async function redeliver(
  job: DeliveryJob,
  db: Executor,
  deliveryId: string,
  actor: Actor,
): Promise<{ eventId: string }> {
  const [delivery] = await db
    .select({ eventId: webhookDeliveries.eventId })
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.id, deliveryId));
  if (!delivery) throw new TRPCError({ code: "NOT_FOUND", message: "No such delivery." });
  await enqueue(job, { eventId: delivery.eventId, manual: true, requestedById: userOf(actor)?.id ?? null }, { tx: db });
  return { eventId: delivery.eventId };
}
