/**
 * One resource's paths in the OpenAPI document (docs/rest.md): an operation for each procedure this caller may call
 * at all (`meta`'s `can`, and each action's own `can`), named `<resource>.<procedure>` so generated clients keep
 * stable method names.
 */
import type { ResourceDescriptor } from "../meta";
import type { AnyResource } from "../resource";
import { fieldCodecs } from "./json-codecs";
import { actionPaths } from "./openapi-action-paths";
import { body, COMMON, listParameter, operation, type PathItem, query, responses, WRITE } from "./openapi-operations";
import type { SchemaNames } from "./openapi-schemas";
import { ref, valueJsonSchema } from "./openapi-values";

/** What a caller may expand: each relation to a resource in this document (deeper paths join names with dots). */
function expandParameter(meta: ResourceDescriptor, visible: (resource: string) => boolean) {
  const names = meta.relations.filter((r) => visible(r.target)).map((r) => r.name);
  if (names.length === 0) return [];
  const description = `Relations to load under \`expand\`, comma-separated: ${names.join(", ")}; a path like "${names[0]}.<relation>" goes deeper (at most 3 levels).`;
  return [
    listParameter(
      "expand",
      { type: "string", pattern: "^[A-Za-z_$][\\w$]*(?:\\.[A-Za-z_$][\\w$]*){0,2}$" },
      description,
    ),
  ];
}

export function resourcePaths(
  resource: AnyResource,
  meta: ResourceDescriptor,
  names: SchemaNames,
  filter: boolean,
  visible: (resource: string) => boolean,
): Record<string, PathItem> {
  const name = resource.name;
  const base = `/${name}`;
  const { can } = meta;
  const op = (procedure: string) => `${name}.${procedure}`;
  const idCodec = fieldCodecs(resource).get(resource.info.idKey);
  const idParameter = {
    name: "id",
    in: "path",
    required: true,
    schema: valueJsonSchema({ type: idCodec?.kind ?? "uuid" }),
  };
  const idSchema = valueJsonSchema({ type: idCodec?.kind ?? "uuid" });
  const ids = { type: "array", items: idSchema, minItems: 1, maxItems: meta.list.maxBatch };
  const record = ref(names.record);
  const readsDeleted = meta.softDelete && can.readDeleted;
  const paths: Record<string, PathItem> = {};
  const at = (path: string): PathItem => {
    const item = paths[path] ?? {};
    paths[path] = item;
    return item;
  };

  if (can.list) {
    // Only what this caller may sort by (a read-restricted field is sortable for those who read it on every row).
    const sorts = meta.fields.filter((f) => f.sortable).flatMap((f) => [f.name, `-${f.name}`]);
    const parameters = [
      query("page", { type: "integer", minimum: 1, default: 1 }),
      query("perPage", {
        type: "integer",
        minimum: 1,
        maximum: meta.list.maxPerPage,
        default: meta.list.defaultPerPage,
      }),
      ...(sorts.length
        ? [
            listParameter(
              "sort",
              { type: "string", enum: sorts },
              "Sort by these fields, in order; `-` for descending.",
            ),
          ]
        : []),
      ...(filter
        ? [
            query(
              "filter",
              { type: "string", contentMediaType: "application/json", contentSchema: ref(names.filter) },
              `The filter tree as JSON text, e.g. {"field":{"eq":"value"}} (see the ${names.filter} schema).`,
            ),
          ]
        : []),
      ...(meta.fields.some((f) => f.searchable)
        ? [query("search", { type: "string", maxLength: 200 }, "Words that must each match a searchable field.")]
        : []),
      ...expandParameter(meta, visible),
      query("skipTotal", { type: "boolean", default: false }, "Skip counting: the same as totals=none."),
      query(
        "totals",
        { type: "string", enum: ["exact", "estimate", "none"] },
        `Left out: counted up to ${resource.info.countCap.toLocaleString("en")} rows, PostgreSQL's estimate beyond (then ` +
          "totalEstimated is true). exact: always counted; estimate: never counted; none: totalItems and totalPages -1.",
      ),
      ...(readsDeleted
        ? [query("deleted", { type: "string", enum: ["exclude", "include", "only"], default: "exclude" })]
        : []),
    ];
    at(base).get = operation(
      op("list"),
      `List ${meta.label.many.toLowerCase()}`,
      { parameters },
      responses("200", "A page of records.", ref(names.list), COMMON),
      name,
    );
  }
  if (can.create) {
    at(base).post = operation(
      op("create"),
      `Create ${meta.label.one.toLowerCase()}`,
      { requestBody: body(ref(names.create)) },
      responses("201", "The new record, as this caller reads it.", record, WRITE),
      name,
    );
    at(`${base}/batch/create`).post = operation(
      op("createMany"),
      `Create several ${meta.label.many.toLowerCase()} (all or none)`,
      {
        requestBody: body({
          type: "object",
          properties: { items: { type: "array", items: ref(names.create), minItems: 1, maxItems: meta.list.maxBatch } },
          required: ["items"],
          additionalProperties: false,
        }),
      },
      responses("200", "The new records.", { type: "array", items: record }, WRITE),
      name,
    );
  }
  const one = `${base}/{id}`;
  if (can.get) {
    const parameters = [
      ...expandParameter(meta, visible),
      ...(readsDeleted ? [query("withDeleted", { type: "boolean", default: false })] : []),
    ];
    at(one).get = operation(
      op("get"),
      `Get ${meta.label.one.toLowerCase()}`,
      { parameters },
      responses("200", "The record.", record, [...COMMON, "NotFound"]),
      name,
    );
    at(`${one}/history`).get = operation(
      op("history"),
      "The record's changes, newest first",
      {
        parameters: [
          query("page", { type: "integer", minimum: 1, default: 1 }),
          query("perPage", { type: "integer", minimum: 1, maximum: 100, default: 20 }),
          ...(readsDeleted ? [query("withDeleted", { type: "boolean", default: false })] : []),
        ],
      },
      responses("200", "A page of history entries.", ref("HistoryPage"), [...COMMON, "NotFound"]),
      name,
    );
    at(`${one}/history`).parameters = [idParameter];
  }
  if (can.update) {
    at(one).patch = operation(
      op("update"),
      `Change ${meta.label.one.toLowerCase()}`,
      { requestBody: body(ref(names.update)) },
      responses("200", "The record as changed.", record, [...WRITE, "NotFound"]),
      name,
    );
    at(`${base}/batch/update`).post = operation(
      op("updateMany"),
      `Change several ${meta.label.many.toLowerCase()} alike (all or none)`,
      {
        requestBody: body({
          type: "object",
          properties: { ids, data: ref(names.update) },
          required: ["ids", "data"],
          additionalProperties: false,
        }),
      },
      responses("200", "The records as changed.", { type: "array", items: record }, [...WRITE, "NotFound"]),
      name,
    );
  }
  if (can.delete) {
    at(one).delete = operation(
      op("delete"),
      meta.softDelete
        ? `Delete ${meta.label.one.toLowerCase()} (it can be restored)`
        : `Delete ${meta.label.one.toLowerCase()}`,
      {},
      responses(
        "200",
        "The id of the deleted record.",
        { type: "object", properties: { id: idSchema }, required: ["id"] },
        [...WRITE, "NotFound"],
      ),
      name,
    );
    at(`${base}/batch/delete`).post = operation(
      op("deleteMany"),
      `Delete several ${meta.label.many.toLowerCase()} (all or none)`,
      { requestBody: body({ type: "object", properties: { ids }, required: ["ids"], additionalProperties: false }) },
      responses(
        "200",
        "The ids of the deleted records.",
        { type: "object", properties: { ids: { type: "array", items: idSchema } }, required: ["ids"] },
        [...WRITE, "NotFound"],
      ),
      name,
    );
  }
  if (meta.softDelete && can.restore) {
    at(`${one}/restore`).post = operation(
      op("restore"),
      `Restore deleted ${meta.label.one.toLowerCase()}`,
      {},
      responses("200", "The restored record.", record, [...WRITE, "NotFound"]),
      name,
    );
    at(`${one}/restore`).parameters = [idParameter];
  }
  const single = paths[one];
  if (single) single.parameters = [idParameter];

  actionPaths({ resource, meta, at, idParameter, ids });
  return paths;
}
