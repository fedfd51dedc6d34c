/**
 * Which Atrium field a PocketBase filter names, and back. PocketBase's system fields keep their PocketBase names:
 * `id` is the resource's id field, `created` and `updated` are `createdAt` and `updatedAt` when the resource has
 * them; every other field is named as in Atrium. The description is a subset of `meta`'s, so a
 * ResourceDescriptor serves as it is (its `filterable` is already the caller's).
 */
import type { ValueKind } from "../values";

export interface FilterField {
  name: string;
  type: ValueKind;
  /** Arrays: the kind of each item. */
  items?: ValueKind;
  /** Enums and enum arrays: the values allowed. */
  options?: readonly string[];
  /** Absent means filterable. */
  filterable?: boolean;
}

export interface FilterTarget {
  idField: string;
  fields: readonly FilterField[];
}

const SYSTEM_FIELDS = new Map([
  ["created", "createdAt"],
  ["updated", "updatedAt"],
]);

function byName(target: FilterTarget, name: string): FilterField | undefined {
  return target.fields.find((f) => f.name === name);
}

/** The Atrium field a PocketBase name stands for, filterable or not; undefined if there is none. */
export function atriumField(target: FilterTarget, pocketBaseName: string): FilterField | undefined {
  if (pocketBaseName === "id") return byName(target, target.idField);
  const system = SYSTEM_FIELDS.get(pocketBaseName);
  if (system && !byName(target, pocketBaseName)) return byName(target, system);
  return byName(target, pocketBaseName);
}

/** The name a PocketBase client uses for an Atrium field. */
export function pocketBaseName(target: FilterTarget, atriumName: string): string {
  if (atriumName === target.idField) return "id";
  for (const [pb, atrium] of SYSTEM_FIELDS) {
    if (atrium === atriumName && !byName(target, pb)) return pb;
  }
  return atriumName;
}
