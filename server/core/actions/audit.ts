/**
 * The audit entry of an action run: operation "action" on the record it ran on (record id "" for a resource-wide
 * action), `after: { action, input }` (the input left out when the action says so), nothing before. What the action
 * changed has entries of its own, written by the engine's writes it made. In-transaction observers (webhooks) are
 * told too; live subscribers are not (an action run changes no record by itself).
 */
import { auditLog } from "@/db/schema";
import type { Actor } from "../actor";
import { actorColumns } from "../audit";
import { observeRecorded } from "../changes";
import type { Transaction } from "../executor";
import type { AnyResource } from "../resource";
import type { AnyAction } from "./define";

/** JSON-safe copy of an input, as jsonb keeps it: Dates as ISO text, bigints as digits, undefined left out. */
export function jsonSafe(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint") return value.toString();
  if (Array.isArray(value)) return value.map(jsonSafe);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, jsonSafe(v)]),
    );
  }
  return value;
}

export interface ActionRun {
  resource: AnyResource;
  name: string;
  action: AnyAction;
  /** The record it ran on; undefined for a resource-wide action. */
  id: unknown;
  input: unknown;
  actor: Actor;
  requestId: string | undefined;
}

export async function recordActionRun(tx: Transaction, run: ActionRun): Promise<void> {
  const after: Record<string, unknown> = {
    action: run.name,
    ...(run.action.auditInput ? { input: jsonSafe(run.input) } : {}),
  };
  const recordId = run.id === undefined ? "" : String(run.id);
  await tx.insert(auditLog).values({
    ...actorColumns(run.actor),
    operation: "action",
    resource: run.resource.name,
    recordId,
    before: null,
    after,
    requestId: run.requestId ?? null,
  });
  await observeRecorded(tx, {
    operation: "action",
    action: run.name,
    resource: run.resource.name,
    id: recordId,
    before: null,
    after,
    actor: run.actor,
    requestId: run.requestId,
  });
}
