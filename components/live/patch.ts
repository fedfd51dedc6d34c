/**
 * How one live change lands in a cached `list` page or `get` record. Pure functions, so the rules are unit-tested
 * without a browser. Each returns the data to show now and whether it is exact; when it is not (a new record whose
 * place in a sorted, paged list only the server knows, a changed relation the event does not expand, a search the
 * server evaluates), the caller shows the patched data at once and refetches to be exact.
 */
import type {
  RecordId,
  ResourceListInput,
  ResourceListResult,
  ResourceLiveMessage,
  ResourceRecord,
} from "@/components/form/resource-api";

export interface Patched<T> {
  data: T;
  /** The patch may differ from what the server would answer now: refetch. */
  refetch: boolean;
}

type Change = Exclude<ResourceLiveMessage, { action: "ready" }>;

const sameId = (a: unknown, b: RecordId) => String(a) === String(b);

/** Values as superjson hands them over: dates compare by time, the rest by JSON. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The fields whose value differs between two versions of a record (relations under `expand` aside). */
export function changedFields(before: ResourceRecord, after: ResourceRecord): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  keys.delete("expand");
  return [...keys].filter((key) => !sameValue(before[key], after[key]));
}

/** The incoming record, keeping the relations the cached one expanded (events never carry `expand`). */
function merge(cached: ResourceRecord, incoming: ResourceRecord): ResourceRecord {
  return cached.expand === undefined ? incoming : { ...incoming, expand: cached.expand };
}

export interface ListPatchOptions {
  /**
   * The foreign keys behind the relations `input.expand` names (`authorId` for `author`). When given, a change to
   * other fields patches an expanded list exactly; without it any change to an expanded list refetches.
   */
  relationKeys?: readonly string[];
}

/** A change applied to one cached page of `list` with the input that fetched it. */
export function patchList(
  data: ResourceListResult,
  change: Change,
  input: ResourceListInput | undefined,
  options: ListPatchOptions = {},
): Patched<ResourceListResult> {
  const index = data.items.findIndex((item) => sameId(item.id, change.id));

  if (change.action === "delete") {
    if (index < 0) return { data, refetch: true }; // on another page: counts and page boundaries moved
    const items = data.items.filter((_, i) => i !== index);
    const totalItems = Math.max(0, data.totalItems - 1);
    // Exact only when nothing follows on a later page to move up into the gap.
    const last = data.page >= data.totalPages;
    return {
      data: { ...data, items, totalItems, totalPages: Math.max(1, Math.ceil(totalItems / data.perPage)) },
      refetch: !last,
    };
  }

  // A new (or newly visible) record: its position in a sorted, paged list is the server's to say.
  if (index < 0) return { data, refetch: true };

  const cached = data.items[index] as ResourceRecord;
  const changed = changedFields(cached, change.record);
  if (changed.length === 0) return { data, refetch: false };
  const items = data.items.map((item, i) => (i === index ? merge(cached, change.record) : item));
  const sortKeys = (input?.sort ?? []).map((key) => key.replace(/^[-+]/, ""));
  const expanded = (input?.expand?.length ?? 0) > 0;
  const exact =
    !changed.some((field) => sortKeys.includes(field)) &&
    // Relations are expanded server-side; a changed foreign key would show the old one.
    (!expanded ||
      (options.relationKeys !== undefined && !changed.some((field) => options.relationKeys?.includes(field)))) &&
    // Whether it still matches the search is the server's full-text rule.
    !input?.search;
  return { data: { ...data, items }, refetch: !exact };
}

/** A change applied to a cached `get` of the same record. `removed`: the subscriber may no longer read it. */
export function patchRecord(data: ResourceRecord, change: Change): Patched<ResourceRecord> & { removed: boolean } {
  if (change.action === "delete") return { data, refetch: false, removed: true };
  const changed = changedFields(data, change.record);
  if (changed.length === 0) return { data, refetch: false, removed: false };
  return { data: merge(data, change.record), refetch: data.expand !== undefined, removed: false };
}
