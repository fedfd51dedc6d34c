/**
 * Field-level policy: per-row read rules (a key the reader may not see is removed from that record), write rules
 * (a key the writer may not set is refused on its field), and server-set defaults on create.
 */
import { TRPCError } from "@trpc/server";
import { logger } from "@/server/core/logging/logger";
import { type RuleArgs, ruleArgs } from "./access";
import { type Actor, describeActor } from "./actor";
import { FieldError } from "./errors";
import { type FieldConfig, fieldLabel } from "./fields";
import type { AnyResource } from "./resource";

type Rec = Record<string, unknown>;

function configOf(resource: AnyResource, key: string): FieldConfig | undefined {
  return (resource.fields as Record<string, FieldConfig | undefined> | undefined)?.[key];
}

/**
 * Removes, record by record, the fields whose read rule refuses this actor. Every rule judges the record as it was
 * read (before any field of it is removed), and a rule that guards several fields (users' "self or admins" guards
 * six) is asked once per record: rules answer from their arguments alone. On a page of 20 users that was 120 calls,
 * each with its own copy of the arguments (docs/decisions/030-list-requests.md).
 */
export function applyReadRules(resource: AnyResource, records: Rec[], actor: Actor): void {
  if (actor.kind === "system") return;
  const guarded = readRulesOf(resource);
  if (guarded.keys.length === 0) return;
  const args = ruleArgs(actor);
  const verdicts: (boolean | undefined)[] = new Array(guarded.rules.length);
  for (const record of records) {
    verdicts.fill(undefined);
    let input: (RuleArgs & { row: Rec }) | undefined;
    let refused: string[] | undefined;
    for (let i = 0; i < guarded.keys.length; i++) {
      const key = guarded.keys[i] as string;
      if (!(key in record)) continue;
      const r = guarded.ruleOf[i] as number;
      let allowed = verdicts[r];
      if (allowed === undefined) {
        input ??= { ...args, row: record };
        allowed = Boolean((guarded.rules[r] as FieldReadRule).allow(input));
        verdicts[r] = allowed;
      }
      if (allowed) continue;
      refused ??= [];
      refused.push(key);
    }
    if (refused) for (const key of refused) delete record[key];
  }
}

interface GuardedFields {
  keys: string[];
  /** For each key, the index of its rule in `rules`. */
  ruleOf: number[];
  rules: FieldReadRule[];
}
type FieldReadRule = NonNullable<NonNullable<FieldConfig["access"]>["read"]>;
const guardedFields = new WeakMap<AnyResource, GuardedFields>();

/** The fields with a read rule and their distinct rules, worked out once per resource. */
function readRulesOf(resource: AnyResource): GuardedFields {
  let guarded = guardedFields.get(resource);
  if (!guarded) {
    guarded = { keys: [], ruleOf: [], rules: [] };
    for (const key of resource.info.readRuleKeys) {
      const rule = configOf(resource, key)?.access?.read;
      if (!rule) continue;
      let r = guarded.rules.indexOf(rule);
      if (r < 0) r = guarded.rules.push(rule) - 1;
      guarded.keys.push(key);
      guarded.ruleOf.push(r);
    }
    guardedFields.set(resource, guarded);
  }
  return guarded;
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
