/**
 * Audit entries as the audit log and the dashboard show them: each names its record by title and carries the titles
 * of the records its values point at. A page costs one title query per resource it names, plus, when some records
 * are gone (purged), one query per such resource for the last title the trail recorded of them.
 */
import { and, desc, eq, inArray, isNotNull, type SQL, sql } from "drizzle-orm";
import { auditLog } from "@/db/schema";
import type { Actor } from "./actor";
import type { Executor } from "./executor";
import type { Registry } from "./expand";
import { type Refs, type RefTitle, referencesOf, resolveTitles, want, wantReferences } from "./history-titles";
import type { AnyResource } from "./resource";

type Entry = typeof auditLog.$inferSelect;
export type TitledEntry = Entry & {
  /** The record's title now (as this reader may see it); for a record that is gone, the last one the trail holds. */
  title: RefTitle;
  refs: Refs;
  /** The resource's name for one record ("Post"). */
  resourceLabel: string;
};

const resourceOf = (registry: Registry, name: string): AnyResource | undefined =>
  Object.hasOwn(registry, name) ? registry[name] : undefined;

/**
 * The latest title the trail recorded for each record (newest entry that has one), by record id: one query. The
 * audit log is for admins, who read these snapshots in the entries anyway.
 */
async function recordedTitles(db: Executor, resource: AnyResource, ids: string[]): Promise<Map<string, string>> {
  const field = String(resource.titleField);
  const title: SQL<string | null> = sql`coalesce(${auditLog.after}->>${field}, ${auditLog.before}->>${field})`;
  const rows = await db
    .selectDistinctOn([auditLog.recordId], { recordId: auditLog.recordId, title })
    .from(auditLog)
    .where(and(eq(auditLog.resource, resource.name), inArray(auditLog.recordId, ids), isNotNull(title)))
    .orderBy(auditLog.recordId, desc(auditLog.id));
  return new Map(rows.flatMap((r) => (r.title === null ? [] : [[r.recordId, r.title]])));
}

export async function titledEntries(
  db: Executor,
  registry: Registry,
  actor: Actor,
  rows: Entry[],
): Promise<TitledEntry[]> {
  const request = new Map<string, Set<string>>();
  for (const row of rows) {
    want(request, row.resource, [row.recordId]);
    const resource = resourceOf(registry, row.resource);
    if (resource) wantReferences(request, resource, [row.before, row.after]);
  }
  const titles = await resolveTitles(db, registry, actor, request);

  const gone = new Map<string, Set<string>>();
  for (const row of rows) {
    if (!titles.get(row.resource, row.recordId) && resourceOf(registry, row.resource)) {
      want(gone, row.resource, [row.recordId]);
    }
  }
  const recorded = new Map<string, Map<string, string>>();
  await Promise.all(
    [...gone].map(async ([name, ids]) => {
      recorded.set(name, await recordedTitles(db, resourceOf(registry, name) as AnyResource, [...ids]));
    }),
  );

  return rows.map((row) => {
    const resource = resourceOf(registry, row.resource);
    const last = recorded.get(row.resource)?.get(row.recordId);
    return {
      ...row,
      title: titles.get(row.resource, row.recordId) ?? (last === undefined ? null : { title: last, deleted: true }),
      refs: resource ? referencesOf(resource, [row.before, row.after], titles) : {},
      resourceLabel: resource?.label?.one ?? row.resource,
    };
  });
}
