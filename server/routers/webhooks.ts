/**
 * What the admin does with webhooks beyond their generated CRUD (docs/webhooks.md): see a new webhook's signing
 * secret once, rotate it, and redeliver a logged delivery. Admins only, like the webhooks themselves.
 */
import { z } from "zod";
import type { Writer } from "@/server/core/write";
import { resources } from "@/server/resources";
import { adminProcedure, type Context, router } from "@/server/trpc";
import { appWebhooks } from "@/server/webhooks";

const webhookId = z.object({ id: z.uuid() });
const secretOutput = z.object({ secret: z.string() });

const writer = (ctx: Context): Writer => ({
  db: ctx.db,
  actor: ctx.actor,
  requestId: ctx.requestId,
  registry: resources,
});

export const webhookAdminRouter = router({
  /** A new webhook's secret, exactly once (CONFLICT afterwards: rotate it instead). */
  revealSecret: adminProcedure
    .input(webhookId)
    .output(secretOutput)
    .mutation(async ({ ctx, input }) => ({ secret: await appWebhooks.revealSecret(writer(ctx), input.id) })),

  /** A new secret, returned this once; the old one stops working at once. */
  rotateSecret: adminProcedure
    .input(webhookId)
    .output(secretOutput)
    .mutation(async ({ ctx, input }) => ({ secret: await appWebhooks.rotateSecret(writer(ctx), input.id) })),

  /** Sends a logged delivery's event again, now; the attempt appears in the log, marked as by hand. */
  redeliver: adminProcedure
    .input(z.object({ deliveryId: z.uuid() }))
    .output(z.object({ eventId: z.uuid() }))
    .mutation(({ ctx, input }) => appWebhooks.redeliver(ctx.db, input.deliveryId, ctx.actor)),
});
