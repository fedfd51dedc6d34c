/**
 * Plain JSON and the engine's values, over every ordinary column type (field-types.fixture.ts), property-based:
 * whatever the engine takes or returns, encoded, sent as JSON text and decoded, is what the engine's own schemas make
 * of the original (create data, update data, filters), or the record as read (records, expansions included). Hostile
 * JSON (prototype keys, deep nesting, any value at all) never makes a decoder or encoder throw.
 */
import { bigint, date, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { AnyAction } from "../actions/define";
import type { Actor } from "../actor";
import { garbage, validValue } from "../field-types.arbitraries";
import { OVERRIDES, sampleRegistry, samplesResource } from "../field-types.fixture";
import { type FilterOperator, operatorsFor } from "../filter-operators";
import { buildInputs } from "../inputs";
import { describeResource, type FieldDescriptor } from "../meta";
import { belongsTo, hasCount, hasMany } from "../relations";
import { defineResource } from "../resource";
import { decodeActionInput } from "./action-values";
import {
  decodeData,
  decodeFilter,
  decodeId,
  decodeRecord,
  encodeFilter,
  encodeRecord,
  fieldCodecs,
  type JsonValue,
  plainJson,
} from "./json-values";

const RUNS = Number(process.env.FIELD_TYPES_RUNS) || 100;
const system: Actor = { kind: "system", reason: "test" };
const resource = samplesResource;
const registry = sampleRegistry;
const meta = describeResource(resource, registry, system);
const inputs = buildInputs(resource, registry);
const codecs = fieldCodecs(resource);

/** What a client does with an answer: JSON text, then parsed back. */
const overTheWire = (value: JsonValue): unknown => JSON.parse(JSON.stringify(value));

/** Values as the engine tells them apart: Dates by instant, BigInts by digits, -0 as 0 (PostgreSQL has no -0). */
function engineView(value: unknown): unknown {
  if (value instanceof Date) return { date: value.getTime() };
  if (typeof value === "bigint") return { bigint: value.toString() };
  if (typeof value === "number") return Object.is(value, -0) ? 0 : value;
  if (Array.isArray(value)) return value.map(engineView);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, engineView(item)]));
  }
  return value;
}

const validFor = (f: FieldDescriptor) => OVERRIDES[f.name] ?? validValue(f);

/** Some of these fields, each with a valid value or (nullable ones) null; `required` ones always. */
function dataOf(fields: FieldDescriptor[], required: (f: FieldDescriptor) => boolean) {
  const shape = Object.fromEntries(
    fields.map((f) => [f.name, f.nullable ? fc.option(validFor(f), { freq: 4 }) : validFor(f)]),
  );
  return fc.record(shape, { requiredKeys: fields.filter(required).map((f) => f.name) });
}

describe("create and update data", () => {
  it("decodes to what the engine's create schema makes of the original", () => {
    const creatable = meta.fields.filter((f) => f.canCreate);
    fc.assert(
      fc.property(
        dataOf(creatable, (f) => f.required),
        (data) => {
          const decoded = decodeData(resource, overTheWire(encodeRecord(resource, registry, data)), "create");
          expect(engineView(inputs.create.parse(decoded))).toEqual(engineView(inputs.create.parse(data)));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("decodes to what the engine's update schema makes of the original", () => {
    const updatable = meta.fields.filter((f) => f.canUpdate);
    fc.assert(
      fc.property(
        fc.uuid(),
        dataOf(updatable, () => false),
        (id, data) => {
          const decoded = decodeData(resource, overTheWire(encodeRecord(resource, registry, data)), "update");
          const parse = (d: unknown) => engineView(inputs.update.parse({ id, data: d }));
          expect(parse(decoded)).toEqual(parse(data));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("leaves what it cannot read for the schema, which refuses it on the same field", () => {
    // Digits (as text, or a safe integer) are a big integer's JSON, so no garbage for a bigint field survives JSON.
    const creatable = meta.fields.filter((f) => f.canCreate && f.type !== "json" && f.type !== "bigint");
    fc.assert(
      fc.property(
        fc.constantFrom(...creatable).chain((f) => fc.tuple(fc.constant(f), garbage(f, true))),
        ([field, bad]) => {
          const json = overTheWire(plainJson({ title: "A title", [field.name]: bad }));
          const result = inputs.create.safeParse(decodeData(resource, json, "create"));
          // Garbage that JSON turns into a valid value (a Date into its ISO text, 7n into "7") is no garbage any more.
          const valid = inputs.create.safeParse(json);
          if (valid.success) return;
          expect(result.success).toBe(false);
          expect(result.error?.issues.map((i) => i.path[0])).toContain(field.name);
        },
      ),
      { numRuns: RUNS },
    );
  });
});

/** A value for this operator of this field, as the filter schema takes it. */
function operand(f: FieldDescriptor, op: FilterOperator): fc.Arbitrary<unknown> {
  if (op === "isNull") return fc.boolean();
  if (op === "contains" || op === "startsWith") return fc.string({ minLength: 1, maxLength: 6 });
  const item = f.type === "array" ? validValue({ ...f, type: f.items ?? "text" }) : validFor(f);
  if (op === "in" || op === "notIn" || op === "hasAll" || op === "hasAny") {
    return fc.array(item, { minLength: 1, maxLength: 3 });
  }
  return item;
}

const leaf = fc
  .constantFrom(...meta.fields.filter((f) => f.filterable && operatorsFor(f.type).length > 0))
  .chain((f) =>
    fc
      .constantFrom(...operatorsFor(f.type))
      .chain((op) => operand(f, op).map((value) => ({ [f.name]: { [op]: value } }))),
  );

const filterTree = fc.letrec<{ node: Record<string, unknown> }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc.record({ and: fc.array(tie("node"), { minLength: 1, maxLength: 3 }) }),
    fc.record({ or: fc.array(tie("node"), { minLength: 1, maxLength: 3 }) }),
    fc.record({ not: tie("node") }),
  ),
})).node;

describe("filters", () => {
  it("decode to what the engine's filter schema makes of the original", () => {
    fc.assert(
      fc.property(filterTree, (filter) => {
        const original = inputs.list.safeParse({ filter });
        fc.pre(original.success); // deeper than the schema's 6 levels: not a filter the engine takes
        const decoded = decodeFilter(resource, overTheWire(encodeFilter(resource, filter)));
        expect(engineView(inputs.list.parse({ filter: decoded }).filter)).toEqual(engineView(original.data?.filter));
      }),
      { numRuns: RUNS },
    );
  });
});

/** A record as the engine reads it: `mode: "string"` dates are text ("2026-03-01"), not Dates. */
function asRead(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(record).map(([key, value]) => {
      const textDate = codecs.get(key)?.textDate === "date" && value instanceof Date;
      return [key, textDate ? value.toISOString().slice(0, 10) : value];
    }),
  );
}

describe("records", () => {
  it("come back as the engine read them, in JSON-safe values", () => {
    const readable = meta.fields.filter((f) => f.readable);
    fc.assert(
      fc.property(dataOf(readable, () => true).map(asRead), (record) => {
        const encoded = encodeRecord(resource, registry, record);
        const wire = overTheWire(encoded);
        expect(wire).toEqual(encoded); // nothing JSON would drop or change
        expect(engineView(decodeRecord(resource, registry, wire))).toEqual(engineView(record));
        const json = wire as Record<string, unknown>;
        if (json.at !== null) expect(json.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
        if (json.day !== null) expect(json.day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        if (json.big !== null) expect(json.big).toMatch(/^-?\d+$/);
      }),
      { numRuns: RUNS },
    );
  });

  const owners = pgTable("json_owners", {
    id: bigint("id", { mode: "bigint" }).primaryKey(),
    name: text("name").notNull(),
    joined: date("joined", { mode: "date" }),
  });
  const notes = pgTable("json_notes", {
    id: uuid("id").primaryKey(),
    title: text("title").notNull(),
    ownerId: bigint("owner_id", { mode: "bigint" }),
    at: timestamp("at", { withTimezone: true }),
    score: integer("score"),
  });
  const related = {
    owners: defineResource("owners", {
      table: owners,
      titleField: "name",
      relations: {
        notes: hasMany("notes", { foreignKey: "ownerId" }),
        noteCount: hasCount("notes", { foreignKey: "ownerId" }),
      },
    }),
    notes: defineResource("notes", {
      table: notes,
      titleField: "title",
      relations: { owner: belongsTo("owners", { field: "ownerId" }) },
    }),
  };

  it("carry expanded relations by their targets' fields", () => {
    const owner = (id: bigint) =>
      fc.record({
        id: fc.constant(id),
        name: fc.string(),
        joined: fc.option(validValue({ type: "date", widget: "date" })),
      });
    const note = fc.record({
      id: fc.uuid(),
      title: fc.string(),
      ownerId: fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
      at: fc.option(fc.date({ min: new Date("0100-01-01"), max: new Date("9999-12-31"), noInvalidDate: true })),
      score: fc.option(fc.integer()),
    });
    const expanded = note.chain((n) =>
      fc
        .record({
          owner: fc
            .option(owner(n.ownerId))
            .map((o) => (o ? { ...o, expand: { notes: [{ ...n }], noteCount: 1 } } : null)),
        })
        .map((expand) => ({ ...n, expand })),
    );
    fc.assert(
      fc.property(expanded, (record) => {
        const wire = overTheWire(encodeRecord(related.notes, related, record)) as {
          ownerId: unknown;
          expand: { owner: { id: unknown; joined: unknown; expand: { notes: { at: unknown }[] } } | null };
        };
        expect(wire.ownerId).toBe(record.ownerId.toString());
        const owner = wire.expand.owner;
        if (owner) {
          expect(owner.id).toBe(record.ownerId.toString());
          if (owner.joined !== null) expect(owner.joined).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          expect(owner.expand.notes[0]?.at).toBe(record.at ? record.at.toISOString() : null);
        }
        expect(engineView(decodeRecord(related.notes, related, wire))).toEqual(engineView(record));
      }),
      { numRuns: RUNS },
    );
  });

  it("read ids from the path by the id's type", () => {
    expect(decodeId(related.owners, "9007199254740993")).toBe(9_007_199_254_740_993n);
    expect(decodeId(related.notes, "not-a-uuid")).toBe("not-a-uuid");
    expect(decodeId(related.owners, "12abc")).toBe("12abc");
  });
});

function actionTaking(input: z.ZodObject): AnyAction {
  return { target: "resource", bulk: false, input, auditInput: true, run: () => undefined } as AnyAction;
}

describe("action inputs", () => {
  it("read dates and big integers from their text, and leave the rest to the action's schema", () => {
    const input = z.strictObject({ when: z.date(), big: z.bigint(), bigs: z.array(z.bigint()), note: z.string() });
    const action = actionTaking(input);
    const json = { when: "2026-03-01T14:30:00.000Z", big: "9007199254740993", bigs: ["1", "-2"], note: "2026-03-01" };
    expect(input.parse(decodeActionInput(action, registry, json))).toEqual({
      when: new Date("2026-03-01T14:30:00.000Z"),
      big: 9_007_199_254_740_993n,
      bigs: [1n, -2n],
      note: "2026-03-01",
    });
    // Not a day: stays text, so the schema refuses it on its field.
    const bad = input.safeParse(decodeActionInput(action, registry, { ...json, when: "2026-02-30" }));
    expect(bad.error?.issues.map((i) => i.path[0])).toEqual(["when"]);
  });
});

/** JSON text nested `depth` levels deep, built without recursion. */
function nested(depth: number, open: string, close: string, inner: string): unknown {
  return JSON.parse(open.repeat(depth) + inner + close.repeat(depth));
}

describe("hostile JSON", () => {
  const action = actionTaking(z.object({ when: z.date(), big: z.bigint(), bigs: z.array(z.bigint()).optional() }));
  const everything = (value: unknown) => {
    decodeData(resource, value, "create");
    decodeData(resource, value, "update");
    decodeFilter(resource, value);
    decodeRecord(resource, registry, value);
    encodeRecord(resource, registry, value);
    encodeFilter(resource, value);
    plainJson(value);
    decodeActionInput(action, registry, value);
    if (typeof value === "string") decodeId(resource, value);
  };

  it("never makes a decoder or encoder throw", () => {
    fc.assert(fc.property(fc.jsonValue(), everything), { numRuns: RUNS * 3 });
    fc.assert(fc.property(fc.anything({ withNullPrototype: true, withMap: true, withSet: true }), everything), {
      numRuns: RUNS,
    });
  });

  it("survives nesting far past every limit", () => {
    for (const value of [
      nested(100_000, '{"not":', "}", "{}"),
      nested(100_000, '{"and":[', "]}", "{}"),
      nested(100_000, "[", "]", "1"),
      nested(100_000, '{"title":', "}", "1"),
      { expand: nested(100_000, '{"x":', "}", "1") },
    ]) {
      expect(() => everything(value)).not.toThrow();
    }
  });

  it("keeps prototype keys as keys, for the schema to refuse by name", () => {
    const json = JSON.parse('{"__proto__": {"polluted": true}, "constructor": 1, "title": "A title"}') as object;
    for (const decoded of [decodeData(resource, json, "create"), decodeFilter(resource, json)] as object[]) {
      expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype);
      expect(Object.hasOwn(decoded, "__proto__")).toBe(true);
      expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
    }
    const result = inputs.create.safeParse(decodeData(resource, json, "create"));
    expect(result.success).toBe(false);
  });
});
