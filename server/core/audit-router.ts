/**
 * `audit.list`: the whole trail for admins, filtered by resource, record, actor, operation and time, newest first,
 * in the list contract every table uses. Hidden fields were never recorded, so admins see everything that is there.
 * Each entry names its record by title and comes with the titles of the records its values point at (one query per
 * resource for the page, through the reader's policies: see history-titles.ts).
 */
import { and, eq, gte, lte } from "drizzle-orm";
import { z } from "zod";
import { auditLog, auditOperation } from "@/db/schema";
import { adminProcedure, router } from "../trpc";
import { auditPage } from "./audit";
import type { Registry } from "./expand";
import { titledEntries } from "./history-audit";
import { liveActivity } from "./realtime/activity";
import { dateSchema } from "./values";

const listInput = z
  .object({
    page: z.number().int().min(1).default(1),
    perPage: z.number().int().min(1).max(100).default(50),
    resource: z.string().max(100).optional(),
    recordId: z.string().max(100).optional(),
    actorId: z.guid().optional(),
    operation: z.enum(auditOperation.enumValues).optional(),
    from: dateSchema().optional(),
    to: dateSchema().optional(),
  })
  .strict()
  .default({ page: 1, perPage: 50 });

const onChangeInput = z
  .object({ lastEventId: z.string().max(40).nullish() })
  .strict()
  .optional();

export const createAuditRouter = (registry: Registry) =>
  router({
    /**
     * Live: one message per committed change (resource, record id, operation), tracked and resumable like
     * `<resource>.onChange`. Admins only, as `list`; the audit page refetches its list when one arrives.
     */
    onChange: adminProcedure
      .input(onChangeInput)
      .subscription(({ ctx, input, signal }) => liveActivity({ db: ctx.db, lastEventId: input?.lastEventId, signal })),

    list: adminProcedure.input(listInput).query(async ({ ctx, input }) => {
      const where = and(
        input.resource ? eq(auditLog.resource, input.resource) : undefined,
        input.recordId ? eq(auditLog.recordId, input.recordId) : undefined,
        input.actorId ? eq(auditLog.actorId, input.actorId) : undefined,
        input.operation ? eq(auditLog.operation, input.operation) : undefined,
        input.from ? gte(auditLog.at, input.from) : undefined,
        input.to ? lte(auditLog.at, input.to) : undefined,
      );
      const { rows, ...paging } = await auditPage(ctx.db, where, input.page, input.perPage);
      const items = await titledEntries(ctx.db, registry, ctx.actor, rows);
      return { items, ...paging };
    }),
  });
