/**
 * The serialisable description of a resource that generated UIs render from: fields with their types, labels,
 * rules and permissions flags, enum options, relation targets, list limits. No functions, no SQL.
 */
import type { FieldConfig, FieldRules, Widget } from "./fields";
import type { RelationDef } from "./relations";
import type { AnyResource } from "./resource";
import { type ValueKind, valueKind } from "./values";

export interface FieldDescriptor {
  name: string;
  type: ValueKind;
  label: string;
  help?: string;
  widget: Widget;
  required: boolean;
  nullable: boolean;
  readable: boolean;
  creatable: boolean;
  updatable: boolean;
  filterable: boolean;
  sortable: boolean;
  searchable: boolean;
  options?: string[];
  rules?: FieldRules;
  /** For foreign keys: the resource this field points at, and the field that names its records. */
  relation?: { name: string; target: string; titleField: string };
}

export interface RelationDescriptor {
  name: string;
  kind: "belongsTo" | "hasMany" | "hasCount" | "manyToMany";
  target: string;
  titleField: string;
  field?: string;
}

export interface ResourceDescriptor {
  name: string;
  label: { one: string; many: string };
  idField: string;
  titleField: string;
  softDelete: boolean;
  fields: FieldDescriptor[];
  relations: RelationDescriptor[];
  list: { defaultSort: string[]; defaultPerPage: number; maxPerPage: number; maxBatch: number };
}

const humanize = (key: string) =>
  key
    .replace(/Id$/, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/^./, (c) => c.toUpperCase());

function defaultWidget(type: ValueKind, isRelation: boolean): Widget {
  if (isRelation) return "relation";
  const byType: Record<ValueKind, Widget> = {
    uuid: "text",
    enum: "select",
    text: "text",
    integer: "number",
    number: "number",
    boolean: "switch",
    date: "datetime",
    json: "json",
  };
  return byType[type];
}

export function describeResource(resource: AnyResource, registry: Record<string, AnyResource>): ResourceDescriptor {
  const { info } = resource;
  const configs = (resource.fields ?? {}) as Record<string, FieldConfig | undefined>;
  const relations = Object.entries((resource.relations ?? {}) as Record<string, RelationDef>).map(([name, rel]) => ({
    name,
    kind: rel.kind,
    target: rel.target,
    titleField: String(registry[rel.target]?.titleField ?? "id"),
    ...(rel.kind === "belongsTo" ? { field: rel.field } : {}),
  }));
  const fields = Object.entries(info.columns)
    .filter(([key]) => !configs[key]?.hidden)
    .map(([key, column]): FieldDescriptor => {
      const config = configs[key];
      const type = valueKind(column);
      const relation = relations.find((r) => r.field === key);
      return {
        name: key,
        type,
        label: config?.label ?? humanize(key),
        ...(config?.help ? { help: config.help } : {}),
        widget: config?.widget ?? defaultWidget(type, relation !== undefined),
        required: column.notNull && !column.hasDefault,
        nullable: !column.notNull,
        readable: info.readKeys.includes(key),
        creatable: info.createKeys.includes(key),
        updatable: info.updateKeys.includes(key),
        filterable: info.filterKeys.includes(key),
        sortable: info.sortKeys.includes(key),
        searchable: info.searchKeys.includes(key),
        ...(column.enumValues?.length && type === "enum" ? { options: [...column.enumValues] } : {}),
        ...(config?.rules ? { rules: config.rules } : {}),
        ...(relation
          ? { relation: { name: relation.name, target: relation.target, titleField: relation.titleField } }
          : {}),
      };
    });
  return {
    name: resource.name,
    label: resource.label ?? { one: humanize(resource.name).replace(/s$/, ""), many: humanize(resource.name) },
    idField: info.idKey,
    titleField: String(resource.titleField),
    softDelete: Boolean(resource.softDelete),
    fields,
    relations,
    list: {
      defaultSort: info.defaultSort,
      defaultPerPage: info.defaultPerPage,
      maxPerPage: info.maxPerPage,
      maxBatch: info.maxBatch,
    },
  };
}
