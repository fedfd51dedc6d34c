/**
 * Field read rules (applyReadRules): generated resources, rules and records against the plain reading of the
 * contract, a key removed from a record exactly when its rule, asked about that record as it was read, refuses. And
 * a rule guarding several fields is asked once per record (docs/decisions/030-list-requests.md).
 */
import { pgTable, serial, text } from "drizzle-orm/pg-core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { RuleArgs } from "./access";
import type { Actor } from "./actor";
import { applyReadRules } from "./field-access";
import { type AnyResource, defineResource } from "./resource";

const KEYS = ["a", "b", "c", "d", "e", "f"] as const;
type Key = (typeof KEYS)[number];
const notes = pgTable("notes", {
  id: serial("id").primaryKey(),
  a: text("a"),
  b: text("b"),
  c: text("c"),
  d: text("d"),
  e: text("e"),
  f: text("f"),
});

type Row = Record<string, unknown>;
type Allow = (args: RuleArgs & { row: Row }) => boolean;
/** Rules that read the row, some of them fields other rules guard (so removing early would change their answer). */
const ALLOWS: Record<string, Allow> = {
  "a is the user's name": ({ user, row }) => row.a === user?.name,
  "b is set": ({ row }) => row.b !== undefined && row.b !== null,
  "c and d agree": ({ row }) => row.c === row.d,
  "signed in": ({ user }) => user !== null,
  nobody: () => false,
};
const RULE_NAMES = Object.keys(ALLOWS);

const member: Actor = {
  kind: "user",
  via: "session",
  user: { id: "u1", name: "x", email: "x@example.com", role: "member", emailVerifiedAt: null },
} as Actor;
const anonymous: Actor = { kind: "anonymous" } as Actor;

/** A resource whose fields carry the given rules (by name; one rule object may guard several fields). */
function notesWith(ruleOfKey: Partial<Record<Key, string>>, calls: Map<string, number>): AnyResource {
  const rules = Object.fromEntries(
    RULE_NAMES.map((name) => {
      const allow = ALLOWS[name] as Allow;
      const counted: Allow = (args) => {
        calls.set(name, (calls.get(name) ?? 0) + 1);
        return allow(args);
      };
      return [name, { name, allow: counted }];
    }),
  );
  const fields = Object.fromEntries(
    Object.entries(ruleOfKey).map(([key, name]) => [key, { access: { read: rules[name as string] } }]),
  );
  return defineResource("notes", { table: notes, titleField: "a", fields } as never) as AnyResource;
}

/** The contract, written plainly: each guarded key judged against the record as read, one key at a time. */
function reference(ruleOfKey: Partial<Record<Key, string>>, records: Row[], actor: Actor): Row[] {
  const user = actor.kind === "user" ? actor.user : null;
  return records.map((record) => {
    const out = { ...record };
    for (const [key, name] of Object.entries(ruleOfKey)) {
      if (key in record && !(ALLOWS[name as string] as Allow)({ actor, user, row: record } as never)) delete out[key];
    }
    return out;
  });
}

const value = fc.constantFrom<unknown>("x", "y", null, undefined);
const record = fc
  .record(Object.fromEntries(KEYS.map((k) => [k, value])) as Record<Key, fc.Arbitrary<unknown>>, {
    requiredKeys: [],
  })
  .map((r) => ({ id: 1, ...r }) as Row);

describe("applyReadRules", () => {
  it("removes exactly the keys whose rule refuses the record as read, asking each rule once per record", () => {
    fc.assert(
      fc.property(
        fc.record(Object.fromEntries(KEYS.map((k) => [k, fc.constantFrom(...RULE_NAMES)])), { requiredKeys: [] }),
        fc.array(record, { maxLength: 8 }),
        fc.constantFrom(member, anonymous),
        (ruleOfKey, records, actor) => {
          const calls = new Map<string, number>();
          const resource = notesWith(ruleOfKey as Partial<Record<Key, string>>, calls);
          const want = reference(ruleOfKey as Partial<Record<Key, string>>, records, actor);
          const got = records.map((r) => ({ ...r }));
          applyReadRules(resource, got, actor);
          expect(got).toEqual(want);
          for (const [i, r] of got.entries()) expect(Object.keys(r)).toEqual(Object.keys(want[i] as Row));
          for (const [name, n] of calls) expect(n, name).toBeLessThanOrEqual(records.length);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("leaves a system actor's records whole and asks no rule", () => {
    const calls = new Map<string, number>();
    const resource = notesWith({ a: "nobody", b: "nobody" }, calls);
    const records = [{ id: 1, a: "x", b: "y" }];
    applyReadRules(resource, records, { kind: "system", reason: "test" } as Actor);
    expect(records).toEqual([{ id: 1, a: "x", b: "y" }]);
    expect(calls.size).toBe(0);
  });

  it("judges a rule on a field another rule hides by the record as read (c hidden, d's rule reads c)", () => {
    const calls = new Map<string, number>();
    const resource = notesWith({ c: "nobody", d: "c and d agree" }, calls);
    const records = [{ id: 1, c: "x", d: "x" }];
    applyReadRules(resource, records, member);
    expect(records).toEqual([{ id: 1, d: "x" }]);
  });
});
