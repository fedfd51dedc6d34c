/**
 * Field-level policy: per-row read rules (a key the reader may not see is removed from that record), write rules
 * (a key the writer may not set is refused on its field), and server-set defaults on create.
 */
import { TRPCError } from "@trpc/server";
import { logger } from "@/server/core/logging/logger";
import { ruleArgs } from "./access";
import { type Actor, describeActor } from "./actor";
import { FieldError } from "./errors";
import { type FieldConfig, fieldLabel } from "./fields";
import type { AnyResource } from "./resource";

type Rec = Record<string, unknown>;

function configOf(resource: AnyResource, key: string): FieldConfig | undefined {
  return (resource.fields as Record<string, FieldConfig | undefined> | undefined)?.[key];
}

/** Removes, record by record, the fields whose read rule refuses this actor. */
export function applyReadRules(resource: AnyResource, records: Rec[], actor: Actor): void {
  const keys = resource.info.readRuleKeys;
  if (keys.length === 0 || actor.kind === "system") return;
  const args = ruleArgs(actor);
  for (const key of keys) {
    const rule = configOf(resource, key)?.access?.read;
    if (!rule) continue;
    for (const record of records) {
      if (key in record && !rule.allow({ ...args, row: record })) delete record[key];
    }
  }
}

/** Refuses (FORBIDDEN, with a message on each field) input keys whose write rule refuses this actor. */
export function checkFieldWrites(
  resource: AnyResource,
  data: Rec,
  actor: Actor,
  old: Rec | undefined,
  prefix?: string,
): void {
  if (resource.info.writeRuleKeys.length === 0 || actor.kind === "system") return;
  const args = ruleArgs(actor);
  const errors: Record<string, string[]> = {};
  const refusedBy: string[] = [];
  for (const key of resource.info.writeRuleKeys) {
    if (!(key in data)) continue;
    const config = configOf(resource, key);
    // Writing the value the field has anyway (the stored one, or on create the server default) changes nothing, so
    // it needs no permission: forms send whole records.
    const baseline = old ? old[key] : config?.defaultValue?.(args);
    if (baseline !== undefined && Object.is(comparable(baseline), comparable(data[key]))) continue;
    const rule = config?.access?.write;
    if (rule && !rule.allow({ ...args, old })) {
      const label = fieldLabel(key, config);
      errors[prefix ? `${prefix}.${key}` : key] = [`You may not set ${label} (rule "${rule.name}")`];
      refusedBy.push(`${key}: "${rule.name}"`);
    }
  }
  if (refusedBy.length === 0) return;
  const message = `${resource.name}: field rules refused ${refusedBy.join(", ")}`;
  logger("access").warn(`${message} for ${describeActor(actor)}`);
  throw new TRPCError({
    code: actor.kind === "anonymous" ? "UNAUTHORIZED" : "FORBIDDEN",
    message,
    cause: new FieldError(message, errors),
  });
}

/** Dates compare by instant, everything else by identity. */
function comparable(value: unknown): unknown {
  return value instanceof Date ? value.getTime() : value;
}

/** Fills in server-set fields the input left out (e.g. the author is the caller). */
export function applyDefaults(resource: AnyResource, data: Rec, actor: Actor): Rec {
  const keys = resource.info.defaultKeys;
  if (keys.length === 0) return data;
  const out = { ...data };
  const args = ruleArgs(actor);
  for (const key of keys) {
    if (out[key] !== undefined) continue;
    const value = configOf(resource, key)?.defaultValue?.(args);
    if (value !== undefined) out[key] = value;
  }
  return out;
}
