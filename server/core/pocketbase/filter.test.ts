/**
 * PocketBase's filter language, with no database (the resource and generators are in filter.arbitraries.ts).
 * Random filter trees of every kind of field printed in PocketBase syntax (random quotes, whitespace, comments, parentheses, operand
 * order, date notations) parse and translate back to the same tree, which the engine's own filter schema accepts;
 * PocketBase's precedence cases keep their meaning; random text and random edits of valid filters only ever give a
 * tree or a PocketBaseFilterError naming a position.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { FilterNode } from "../filter";
import { engineSchema, engineTree, NOW, RUNS, style, TARGET } from "./filter.arbitraries";
import { PocketBaseFilterError } from "./filter-error";
import { MAX_FILTER_BYTES, MAX_FILTER_TERMS, MAX_PARENTHESES, parseFilter } from "./filter-parser";
import { printFilter } from "./filter-print";
import { MAX_FILTER_DEPTH, parsePocketBaseFilter, translateFilter } from "./filter-translate";
import { isCanonicalInstant, readAnyDate, readDate } from "./filter-values";

const pb = (filter: string) => parsePocketBaseFilter(filter, TARGET, { now: NOW });

function errorOf(run: () => unknown): PocketBaseFilterError {
  try {
    run();
  } catch (error) {
    if (error instanceof PocketBaseFilterError) return error;
    throw error;
  }
  throw new Error("expected a PocketBaseFilterError");
}

function utf8Length(s: string) {
  return new TextEncoder().encode(s).length;
}

describe("PocketBase filters: printed trees read back the same", () => {
  it("prints and reads back every tree the translator makes, plainly written", () => {
    fc.assert(
      fc.property(engineTree, (t) => {
        const written = printFilter(t, TARGET);
        if (utf8Length(written) > MAX_FILTER_BYTES) {
          expect(errorOf(() => pb(written)).message).toMatch(/longer than/);
          return;
        }
        expect(pb(written)).toEqual(t);
      }),
      { numRuns: RUNS },
    );
  });

  it("reads any writing of a tree back to it, and the engine's own filter schema accepts it", () => {
    fc.assert(
      fc.property(engineTree, style, (t, s) => {
        const written = printFilter(t, TARGET, s);
        if (utf8Length(written) > MAX_FILTER_BYTES) return;
        const read = pb(written);
        expect(read).toEqual(t);
        const checked = engineSchema.safeParse(read);
        expect(checked.success, JSON.stringify(checked.error?.issues)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it("writes PocketBase's names for system fields: id, created, updated", () => {
    const id = "0b5c1a8e-2f3d-4c5b-9a6e-7d8f9a0b1c2d";
    const t: FilterNode = {
      and: [
        { id: { eq: id } },
        { createdAt: { gt: new Date("2024-01-01T00:00:00Z") } },
        { updatedAt: { isNull: false } },
      ],
    };
    const written = printFilter(t, TARGET);
    expect(written).toBe(`id = '${id}' && created > '2024-01-01 00:00:00.000Z' && updated != null`);
    expect(pb(written)).toEqual(t);
    expect(pb("createdAt > '2024-01-01'")).toEqual({ createdAt: { gt: new Date("2024-01-01T00:00:00Z") } });
  });

  it("reads the example of docs/pocketbase-filter.md as it says", () => {
    expect(pb("title ~ 'x' && created > '2024-01-01' || status = 'draft'")).toEqual({
      or: [
        { and: [{ title: { contains: "x" } }, { createdAt: { gt: new Date("2024-01-01T00:00:00.000Z") } }] },
        { status: { eq: "draft" } },
      ],
    });
  });

  it("writes lists of values as PocketBase does, one comparison each", () => {
    expect(printFilter({ status: { in: ["draft", "published"] } }, TARGET)).toBe(
      "status = 'draft' || status = 'published'",
    );
    expect(pb(printFilter({ count: { notIn: [1, 2] }, title: { contains: "x" } }, TARGET))).toEqual({
      and: [{ count: { ne: 1 } }, { count: { ne: 2 } }, { title: { contains: "x" } }],
    });
    expect(pb(printFilter({ tags: { hasAny: ["a", "b"] } }, TARGET))).toEqual({
      or: [{ tags: { has: "a" } }, { tags: { has: "b" } }],
    });
  });
});

describe("PocketBase filters: PocketBase's own cases", () => {
  // tools/search/filter_test.go, "complex expression", with a pattern Atrium runs.
  it("groups and precedence: && binds tighter than ||", () => {
    expect(pb("((count > 1) || (score != 2)) && title ~ 'example%' && publishedAt = null")).toEqual({
      and: [
        { or: [{ count: { gt: 1 } }, { score: { ne: 2 } }] },
        { title: { startsWith: "example" } },
        { publishedAt: { isNull: true } },
      ],
    });
    expect(pb("count = 1 || count = 2 && count = 3")).toEqual({
      or: [{ count: { eq: 1 } }, { and: [{ count: { eq: 2 } }, { count: { eq: 3 } }] }],
    });
    expect(pb("(count = 1 || count = 2) && count = 3")).toEqual({
      and: [{ or: [{ count: { eq: 1 } }, { count: { eq: 2 } }] }, { count: { eq: 3 } }],
    });
    expect(pb("((count=1 || count=2) && (score=1))")).toEqual({
      and: [{ or: [{ count: { eq: 1 } }, { count: { eq: 2 } }] }, { score: { eq: 1 } }],
    });
  });

  // "combination of special literals (null, true, false)"
  it("null, true and false, on either side", () => {
    expect(pb("active=true && active != false && null = title || null != publishedAt")).toEqual({
      or: [
        {
          and: [
            { active: { eq: true } },
            { active: { ne: false } },
            { or: [{ title: { isNull: true } }, { title: { eq: "" } }] },
          ],
        },
        { publishedAt: { isNull: false } },
      ],
    });
    expect(pb("active = TRUE")).toEqual({ active: { eq: true } });
  });

  // "all operators", with a value on the left where Atrium can mirror the operator.
  it("every operator", () => {
    expect(
      pb(
        "(title = 'a' || title != 'b') && (title ~ 'example' || title !~ 'abc%') && 'switch1' = title && count > 1 && count >= 0 && count <= 4 && 2 < count",
      ),
    ).toEqual({
      and: [
        { or: [{ title: { eq: "a" } }, { title: { ne: "b" } }] },
        { or: [{ title: { contains: "example" } }, { not: { title: { startsWith: "abc" } } }] },
        { title: { eq: "switch1" } },
        { count: { gt: 1 } },
        { count: { gte: 0 } },
        { count: { lte: 4 } },
        { count: { gt: 2 } },
      ],
    });
    expect(pb("count ?> 1 && tags ?= 'x' && tags ~ 'y' && tags !~ 'z' && 'w' ?= tags")).toEqual({
      and: [
        { count: { gt: 1 } },
        { tags: { has: "x" } },
        { tags: { has: "y" } },
        { not: { tags: { has: "z" } } },
        { tags: { has: "w" } },
      ],
    });
  });

  // TestLikeParamsWrapping: without `%` the text is found anywhere, `_` and escaped `%` literally.
  it("reads ~ as PocketBase wraps it", () => {
    const like = (operand: string) => pb(`title ~ "${operand}"`);
    expect(like("abc")).toEqual({ title: { contains: "abc" } });
    expect(like("ab\\%c")).toEqual({ title: { contains: "ab%c" } });
    expect(like("ab_c")).toEqual({ title: { contains: "ab_c" } });
    expect(like("ab\\_c")).toEqual({ title: { contains: "ab_c" } });
    expect(like("ab\\c")).toEqual({ title: { contains: "ab\\c" } });
    expect(like("%ab\\%c%")).toEqual({ title: { contains: "ab%c" } });
    expect(like("ab\\c%")).toEqual({ title: { startsWith: "ab\\c" } });
    for (const pattern of ["ab%c", "%ab\\%c", "%ab_c", "_ab\\c_%", "%%example", "%"]) {
      expect(errorOf(() => like(pattern)).message).toMatch(/not supported|patterns/);
    }
  });

  // The fexpr parser's own scenarios (parser_test.go): which texts are filters at all.
  it("accepts and refuses what fexpr's grammar does", () => {
    const refused = [
      "> 1",
      "a >",
      "a > >",
      "a > %",
      "a ! 1",
      "a - 1",
      "a + 1",
      "1 - 1",
      "> a 1",
      "a || 1",
      "test > 1 &&",
      "|| test = 1",
      "test = 1 && ||",
      "test = 1 && a",
      'test = 1 && "a"',
      "test = 1 a",
      'test = 1 "a"',
      "test = 1@test",
      "test = .@test",
      `test = "demo'`,
      `test = 'demo'"`,
      `test = ""demo""`,
      "test = `demo`",
      "test = / demo",
      "test = // demo",
      "// demo",
      "",
      "  \n ",
      "(a=1",
      "a=1)",
      "((a=1)",
      "{a=1}",
      "[a=1]",
      "((a=1 || a=2) && c=1))",
      "()",
      "test(a //test) = 1",
      "a(b(c(d(1)))) = 1",
      "test(a,,) = 1",
      "a =!= 1",
      "a &&|| b",
      "a = 1.",
      "a = -",
      "a.b. = 1",
      "@ = 1",
      "a = 1\r",
      "b = 12-3",
    ];
    for (const filter of refused) expect(() => parseFilter(filter), filter).toThrow(PocketBaseFilterError);
    const accepted = [
      "test = 123 // demo",
      "test = // demo\n123",
      "\n\t\t\ta = 123 &&\n\t\t\t// demo\n\t\t\tb = 456\n\t\t",
      "test() = 12",
      "(a.b.c(1) = d.e.f(2)) || 1=2",
      "1=12",
      "   1    =    12    ",
      '"demo" != test',
      "a~1",
      "test<@demo.test2",
      `1<="te'st"`,
      `demo='te\\'st'`,
      `(a="test(")`,
      `(a="test)")`,
      "((a=1))",
      'a=1 && 2!=3 || "b"=a',
      `(a='"')`,
      `(a='\\'')`,
      "a(b(c(1))) = 1",
      "test(a, b,  ) = 1",
      "a = -0.5",
    ];
    for (const filter of accepted) expect(() => parseFilter(filter), filter).not.toThrow();
    expect(parseFilter(`demo="te\\'st"`)).toMatchObject({ right: { value: "te\\'st" } });
    expect(parseFilter(`demo='te\\'st'`)).toMatchObject({ right: { value: "te'st" } });
  });
});

describe("PocketBase filters: values", () => {
  it("reads datetimes as PocketBase writes them, and ISO 8601; without a zone, UTC", () => {
    const at = new Date("2024-01-01T10:00:00.000Z");
    for (const written of [
      "2024-01-01 10:00:00.000Z",
      "2024-01-01T10:00:00Z",
      "2024-01-01 10:00:00",
      "2024-01-01T10:00",
      "2024-01-01T12:00:00+02:00",
      "2024-01-01T05:30:00-0430",
    ]) {
      expect(pb(`publishedAt = '${written}'`), written).toEqual({ publishedAt: { eq: at } });
    }
    for (const bad of ["2024-02-30", "2023-02-29", "2024-13-01", "0099-12-31", "yesterday", "2024-01-01T25:00"]) {
      expect(errorOf(() => pb(`publishedAt > '${bad}'`)).message).toMatch(/'publishedAt' takes a date/);
    }
  });

  it("reads toISOString's own text as the general reader does, impossible days and unstorable years included", () => {
    const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, "0"));
    // toISOString's shape with every field free, so days no calendar has, hour 24 and second 60 come up too.
    const shaped = fc
      .tuple(
        fc.integer({ min: 0, max: 9999 }),
        two(13),
        two(32),
        two(24),
        two(60),
        two(60),
        fc.integer({ min: 0, max: 999 }),
      )
      .map(
        ([y, mo, d, h, mi, s, ms]) =>
          `${String(y).padStart(4, "0")}-${mo}-${d}T${h}:${mi}:${s}.${String(ms).padStart(3, "0")}Z`,
      );
    const real = fc
      .date({
        min: new Date("0000-01-01T00:00:00.000Z"),
        max: new Date("9999-12-31T23:59:59.999Z"),
        noInvalidDate: true,
      })
      .map((at) => at.toISOString());
    fc.assert(
      fc.property(fc.oneof(shaped, real), (text) => {
        expect(readDate(text)?.getTime()).toBe(readAnyDate(text)?.getTime());
        expect(isCanonicalInstant(text)).toBe(readAnyDate(text)?.toISOString() === text);
      }),
      { numRuns: RUNS * 5 },
    );
    const bad = [
      "2024-02-30T00:00:00.000Z",
      "2023-02-29T10:00:00.000Z",
      "1900-02-29T00:00:00.000Z",
      "0099-12-31T23:59:59.999Z",
    ];
    for (const text of [...bad, "2024-01-01T24:00:00.000Z", "2024-01-01T23:59:60.000Z"]) {
      expect(readDate(text), text).toBeUndefined();
    }
    for (const text of ["2024-02-29T23:59:59.999Z", "2000-02-29T00:00:00.000Z", "0100-01-01T00:00:00.000Z"]) {
      expect(readDate(text)?.toISOString(), text).toBe(text);
    }
  });

  it("reads the date macros at the given moment, in UTC", () => {
    expect(pb("publishedAt > @now")).toEqual({ publishedAt: { gt: NOW } });
    expect(pb("publishedAt >= @todayStart && publishedAt <= @todayEnd")).toEqual({
      and: [
        { publishedAt: { gte: new Date("2026-03-15T00:00:00.000Z") } },
        { publishedAt: { lte: new Date("2026-03-15T23:59:59.999Z") } },
      ],
    });
    expect(pb("@monthEnd > publishedAt")).toEqual({ publishedAt: { lt: new Date("2026-03-31T23:59:59.999Z") } });
    expect(pb("created < @yearStart")).toEqual({ createdAt: { lt: new Date("2026-01-01T00:00:00.000Z") } });
    expect(pb("count = @year || count = @month")).toEqual({ or: [{ count: { eq: 2026 } }, { count: { eq: 3 } }] });
  });

  it("types each value by its field, and names the field when the value does not fit", () => {
    expect(pb("big = 9223372036854775807 && amount = -0.50")).toEqual({
      and: [{ big: { eq: 9223372036854775807n } }, { amount: { eq: "-0.50" } }],
    });
    const wrong: [string, RegExp][] = [
      ["title = 5", /'title' takes quoted text, not 5 at 8/],
      ["count = '5'", /'count' takes a number, not '5' at 8/],
      ["count = 1.5", /'count' takes a whole number/],
      ["active = 1", /'active' takes true or false/],
      ["status = 'gone'", /'status' takes one of 'draft', 'published'/],
      ["ref = 'x'", /'ref' takes a quoted UUID/],
      ["alarm = '25:00'", /'alarm' takes a time/],
      ["numbers ?= 'x'", /each item of 'numbers' takes a number/],
      ["count = @now", /'count' takes a number, not @now/],
    ];
    for (const [filter, message] of wrong) expect(errorOf(() => pb(filter)).message, filter).toMatch(message);
  });
});

describe("PocketBase filters: what is refused, and why", () => {
  const refusals: [string, RegExp][] = [
    ["title = @request.auth.id", /@request and @collection belong to PocketBase's API rules.* at 8$/],
    ["@collection.posts.title = title", /@request and @collection/],
    ["title = @whenever", /unknown macro '@whenever'/],
    ["author.name = 'x'", /fields of related records/],
    ["title:lower = 'x'", /modifier ':lower'/],
    ["geoDistance(1, 2, 3, 4) < 5", /function 'geoDistance\(\)' is not supported at 0$/],
    ["title = secretive", /unknown field 'secretive'/],
    ["title = constructor", /unknown field 'constructor'/],
    ["__proto__ = 1", /unknown field '__proto__'/],
    ["secret = 'x'", /field 'secret' cannot be filtered/],
    ["title = status", /compares two fields/],
    ["1 = 1", /compares two values/],
    ["'lorem' ~ title", /a value before '~' is not supported/],
    ["tags = 'x'", /'tags' is a list: use 'tags \?= value'/],
    ["tags ?~ 'x'", /'tags' is a list/],
    ["active > true", /'active' cannot be compared with '>'/],
    ["status ~ 'dr'", /'~' takes a field of text/],
    ["payload = 'x'", /'payload' cannot be compared with '='/],
    ["count > null", /null can only be compared with = or !=/],
    ["title ~ ''", /needs a text to look for/],
  ];
  it.each(refusals)("%s", (filter, message) => {
    expect(errorOf(() => pb(filter)).message).toMatch(message);
  });

  it("reports where the problem is", () => {
    expect(errorOf(() => pb("count > 1 && (x))")).message).toBe(
      "expected an operator such as = after 'x' but found ')' at 15",
    );
    expect(errorOf(() => pb("count > 1 )")).message).toBe("unexpected ')' at 10");
    expect(errorOf(() => pb("title = 'abc")).message).toBe("unterminated text starting at 8");
    expect(errorOf(() => pb("(count > 1")).message).toBe(
      "expected ')' to close the '(' at 0 but found the end of the filter at 10",
    );
    expect(errorOf(() => pb("count > 1 & count < 2")).message).toBe("invalid operator '&' (use && or ||) at 10");
    expect(errorOf(() => pb("count >> 1")).message).toBe("invalid operator '>>' at 6");
    expect(errorOf(() => pb("count = 1 title = 2")).message).toBe("expected && or || but found 'title' at 10");
  });
});

describe("PocketBase filters: bounds", () => {
  it("refuses a filter longer than PocketBase's 3500 bytes, counted in UTF-8", () => {
    const long = `title = '${"x".repeat(MAX_FILTER_BYTES)}'`;
    expect(errorOf(() => pb(long)).message).toMatch(/longer than 3500 bytes/);
    expect(errorOf(() => pb(`title = '${"é".repeat(1800)}'`)).message).toMatch(/longer than/);
    expect(errorOf(() => pb("(".repeat(1_000_000))).message).toMatch(/longer than/);
  });

  it("refuses more than 200 comparisons, and groups long chains into the engine's 20 per and/or", () => {
    const chain = (n: number) => Array.from({ length: n }, (_, i) => `count = ${i}`).join(" || ");
    expect(errorOf(() => pb(chain(MAX_FILTER_TERMS + 1))).message).toMatch(/more than 200 comparisons/);
    const read = pb(chain(45));
    expect(read.or?.map((group) => group.or?.length)).toEqual([20, 20, 5]);
    expect(engineSchema.safeParse(read).success).toBe(true);
    expect(engineSchema.safeParse(pb(chain(MAX_FILTER_TERMS))).success).toBe(true);
  });

  it("refuses parentheses deeper than 32 and trees deeper than the engine's 6 levels, without a stack overflow", () => {
    const parens = (n: number) => `${"(".repeat(n)}count = 1${")".repeat(n)}`;
    expect(pb(parens(MAX_PARENTHESES))).toEqual({ count: { eq: 1 } });
    expect(errorOf(() => pb(parens(MAX_PARENTHESES + 1))).message).toMatch(/parentheses nested deeper than 32 at 32/);
    // a || (b && (c || (d && ...))): one level per group.
    const nested = (n: number): string =>
      n === 0 ? "count = 0" : `count = ${n} ${n % 2 ? "||" : "&&"} (${nested(n - 1)})`;
    expect(engineSchema.safeParse(pb(nested(MAX_FILTER_DEPTH))).success).toBe(true);
    expect(errorOf(() => pb(nested(MAX_FILTER_DEPTH + 1))).message).toMatch(/nests deeper than 6 levels/);
    expect(errorOf(() => pb("(count = 1 || ".repeat(200))).message).toMatch(/parentheses nested deeper than 32/);
  });
});

describe("PocketBase filters: hostile input", () => {
  /** The only outcomes allowed: a tree, or a PocketBaseFilterError with a position inside the input. */
  function tryFilter(input: string) {
    try {
      return pb(input);
    } catch (error) {
      expect(error).toBeInstanceOf(PocketBaseFilterError);
      const { message, position } = error as PocketBaseFilterError;
      expect(message).toMatch(/ at \d+$/);
      expect(position).toBeGreaterThanOrEqual(0);
      expect(position).toBeLessThanOrEqual(Math.max(input.length, MAX_FILTER_BYTES));
      return undefined;
    }
  }

  const TOKENS = [
    "title",
    "count",
    "tags",
    "created",
    "id",
    "@now",
    "@request.auth.id",
    "a.b",
    "x:len",
    "f(",
    "'",
    '"',
    "\\",
    "'x'",
    "1",
    "-",
    ".",
    "=",
    "!",
    "?",
    "~",
    "<",
    ">",
    "&",
    "|",
    "&&",
    "||",
    "(",
    ")",
    " ",
    "\n",
    "//",
    "/",
    "null",
    "true",
    "%",
    ",",
    "constructor",
    "__proto__",
    "toString",
  ];

  it("random text is a tree or a PocketBaseFilterError", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: "binary", maxLength: 60 }),
          fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 }).map((parts) => parts.join("")),
        ),
        (input) => {
          tryFilter(input);
        },
      ),
      { numRuns: RUNS * 6 },
    );
  });

  it("random edits of valid filters are a tree or a PocketBaseFilterError", () => {
    const edit = fc.oneof(
      fc.record({ at: fc.nat(), cut: fc.integer({ min: 1, max: 6 }), put: fc.constant("") }),
      fc.record({ at: fc.nat(), cut: fc.constant(0), put: fc.constantFrom(...TOKENS) }),
      fc.record({ at: fc.nat(), cut: fc.integer({ min: 1, max: 3 }), put: fc.constantFrom(...TOKENS) }),
    );
    fc.assert(
      fc.property(engineTree, style, fc.array(edit, { minLength: 1, maxLength: 4 }), (t, s, edits) => {
        let input = printFilter(t, TARGET, s);
        for (const { at, cut, put } of edits) {
          const i = at % (input.length + 1);
          input = input.slice(0, i) + put + input.slice(i + cut);
        }
        tryFilter(input);
      }),
      { numRuns: RUNS * 2 },
    );
  });
});

describe("PocketBase filters: translateFilter on its own", () => {
  it("takes the current time when none is given", () => {
    const before = Date.now();
    const read = translateFilter(parseFilter("publishedAt < @now"), TARGET);
    const at = (read.publishedAt as { lt: Date }).lt.getTime();
    expect(at).toBeGreaterThanOrEqual(before);
  });
});
