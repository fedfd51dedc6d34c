import { describe, expect, it } from "vitest";
import { decodeTableState, encodeTableState, type TableSpec, type TableState, toQueryString } from "./url-state";

const spec: TableSpec = {
  fields: [
    { name: "title", type: "text", filterable: true, sortable: true },
    { name: "body", type: "text", filterable: false, sortable: false },
    { name: "status", type: "enum", filterable: true, sortable: true, options: ["draft", "published"] },
    { name: "featured", type: "boolean", filterable: true, sortable: false },
    { name: "authorId", type: "uuid", filterable: true, sortable: false },
    { name: "priority", type: "integer", filterable: true, sortable: true },
    { name: "createdAt", type: "date", filterable: true, sortable: true },
    { name: "settings", type: "json", filterable: true, sortable: false },
  ],
  columnIds: ["title", "body", "status", "featured", "authorId", "priority", "createdAt", "settings"],
  defaultColumns: ["title", "status", "authorId", "createdAt"],
  defaultSort: [{ id: "createdAt", desc: true }],
  defaultPerPage: 20,
  maxPerPage: 100,
  searchable: true,
  canReadDeleted: true,
};

const defaults: TableState = {
  page: 1,
  perPage: 20,
  sort: [{ id: "createdAt", desc: true }],
  search: "",
  filters: {},
  columns: null,
  deleted: "exclude",
};

const decode = (query: string, s: TableSpec = spec, prefix = "") =>
  decodeTableState(new URLSearchParams(query), s, prefix);
const encode = (state: TableState, prefix = "", base = "") =>
  toQueryString(encodeTableState(state, spec, prefix, new URLSearchParams(base)));

const AUTHOR = "0b5f3c1e-8d7a-4c39-9e2f-6a1b2c3d4e5f";

describe("decodeTableState", () => {
  it("gives the defaults for an empty query string", () => {
    expect(decode("")).toEqual(defaults);
  });

  it("reads every key of the documented encoding", () => {
    const state = decode(
      "page=2&perPage=50&sort=-priority,title&q=drizzle&f.status.in=draft,published&f.createdAt.gte=2026-01-01" +
        `&f.createdAt.lte=2026-01-31&f.title.contains=tips&f.featured.eq=true&f.authorId.eq=${AUTHOR}` +
        "&f.priority.gte=3&f.priority.lte=10&cols=title,status&deleted=include",
    );
    expect(state).toEqual({
      page: 2,
      perPage: 50,
      sort: [
        { id: "priority", desc: true },
        { id: "title", desc: false },
      ],
      search: "drizzle",
      filters: {
        title: { contains: "tips" },
        status: { in: ["draft", "published"] },
        featured: { eq: "true" },
        authorId: { eq: AUTHOR },
        priority: { gte: "3", lte: "10" },
        createdAt: { gte: "2026-01-01", lte: "2026-01-31" },
      },
      columns: ["title", "status"],
      deleted: "include",
    });
  });

  it("clamps page and page size, and ignores what is not a whole number", () => {
    expect(decode("page=0&perPage=0")).toMatchObject({ page: 1, perPage: 1 });
    expect(decode("page=99999999999&perPage=5000")).toMatchObject({ page: 1_000_000, perPage: 100 });
    expect(decode("page=-3&perPage=2.5")).toMatchObject({ page: 1, perPage: 20 });
    expect(decode("page=abc&perPage=")).toMatchObject({ page: 1, perPage: 20 });
  });

  it("keeps sortable fields only, each once, at most five, and falls back to the default order", () => {
    expect(decode("sort=body,-nope,title,-title").sort).toEqual([{ id: "title", desc: false }]);
    expect(decode("sort=body").sort).toEqual(defaults.sort);
    expect(decode("sort=").sort).toEqual(defaults.sort);
    const many = {
      ...spec,
      fields: ["a", "b", "c", "d", "e", "f"].map((name) => ({
        name,
        type: "text" as const,
        filterable: false,
        sortable: true,
      })),
    };
    expect(decode("sort=a,b,c,d,e,f", many).sort.map((s) => s.id)).toEqual(["a", "b", "c", "d", "e"]);
  });

  it("ignores unknown fields, operators the table has no control for, and non-filterable fields", () => {
    const state = decode(
      "f.nope.eq=1&f.title.eq=exact&f.title.startsWith=x&f.status.eq=draft&f.body.contains=x&f.settings.eq=1&f.createdAt.gt=2026-01-01&x=1",
    );
    expect(state.filters).toEqual({});
  });

  it("drops filter values that do not fit the field", () => {
    const state = decode(
      "f.status.in=archived,,draft,draft&f.featured.eq=yes&f.authorId.eq=not-a-uuid&f.priority.gte=1.5&f.priority.lte=ten" +
        "&f.createdAt.gte=2026-02-30&f.createdAt.lte=2026-1-5&f.title.contains=%20%20",
    );
    expect(state.filters).toEqual({ status: { in: ["draft"] } });
  });

  it("canonicalises values: lower-case ids, plain numbers, trimmed text", () => {
    const state = decode(`f.authorId.eq=${AUTHOR.toUpperCase()}&f.priority.gte=007&f.title.contains=%20tips%20`);
    expect(state.filters).toEqual({ authorId: { eq: AUTHOR }, priority: { gte: "7" }, title: { contains: "tips" } });
  });

  it("reads search only for searchable resources, trimmed and at most 200 characters", () => {
    expect(decode("q=%20%20hello%20").search).toBe("hello");
    expect(decode(`q=${"x".repeat(300)}`).search).toHaveLength(200);
    expect(decode("q=hello", { ...spec, searchable: false }).search).toBe("");
  });

  it("keeps known columns only; none known means the default set, an empty list means only the title", () => {
    expect(decode("cols=status,nope,status").columns).toEqual(["status"]);
    expect(decode("cols=nope").columns).toBeNull();
    expect(decode("cols=").columns).toEqual([]);
  });

  it("shows deleted rows only to callers who may read them", () => {
    expect(decode("deleted=only").deleted).toBe("only");
    expect(decode("deleted=everything").deleted).toBe("exclude");
    expect(decode("deleted=include", { ...spec, canReadDeleted: false }).deleted).toBe("exclude");
  });

  it("reads only its own prefixed keys", () => {
    const query = "page=3&ann.page=2&ann.f.status.in=draft&f.status.in=published&ann.q=news";
    expect(decode(query, spec, "ann")).toMatchObject({
      page: 2,
      search: "news",
      filters: { status: { in: ["draft"] } },
    });
    expect(decode(query)).toMatchObject({ page: 3, search: "", filters: { status: { in: ["published"] } } });
  });
});

describe("encodeTableState", () => {
  it("leaves defaults out", () => {
    expect(encode(defaults)).toBe("");
    expect(encode({ ...defaults, columns: ["status", "title", "authorId", "createdAt"] })).toBe("");
  });

  it("writes the documented keys", () => {
    const query = encode({
      page: 2,
      perPage: 50,
      sort: [
        { id: "createdAt", desc: true },
        { id: "title", desc: false },
      ],
      search: " drizzle ",
      filters: { status: { in: ["draft", "published"] }, createdAt: { gte: "2026-01-01" } },
      columns: ["title", "status"],
      deleted: "include",
    });
    expect(query).toBe(
      "page=2&perPage=50&sort=-createdAt,title&q=drizzle&f.status.in=draft,published&f.createdAt.gte=2026-01-01" +
        "&cols=title,status&deleted=include",
    );
  });

  it("escapes what must be escaped but leaves commas readable", () => {
    const query = encode({ ...defaults, search: "a&b=c", filters: { title: { contains: "x, y" } } });
    expect(query).toBe("q=a%26b%3Dc&f.title.contains=x,+y");
    expect(decode(query)).toMatchObject({ search: "a&b=c", filters: { title: { contains: "x, y" } } });
  });

  it("round-trips through decode", () => {
    const state: TableState = {
      page: 4,
      perPage: 10,
      sort: [{ id: "title", desc: false }],
      search: "a b",
      filters: {
        title: { contains: "a, b & c" },
        featured: { eq: "false" },
        authorId: { eq: AUTHOR },
        priority: { lte: "-2" },
      },
      columns: [],
      deleted: "only",
    };
    expect(decode(encode(state))).toEqual(state);
  });

  it("keeps other parameters and replaces its own stale ones", () => {
    const base = "tab=drafts&page=9&f.title.contains=old&ann.page=3";
    const query = encode({ ...defaults, filters: { status: { in: ["draft"] } } }, "", base);
    expect(query).toBe("tab=drafts&ann.page=3&f.status.in=draft");
  });

  it("writes behind its prefix and leaves the unprefixed table alone", () => {
    const query = encode({ ...defaults, page: 2, search: "x" }, "ann", "page=5&ann.page=7&ann.q=old&q=keep");
    expect(query).toBe("page=5&q=keep&ann.page=2&ann.q=x");
  });
});
