/**
 * Which fields a generated form shows, in which order, with which widget, and whether each is an input or read-only.
 * Pure: derived from the caller's descriptor, the mode and the developer's overrides.
 */
import type { FieldDescriptor, ResourceDescriptor } from "@/server/core/meta";
import type { FieldOverride, Widget } from "./types";

export type FormMode = "create" | "update";

/** The descriptor's widgets plus the one writable many-to-many relations get. */
export type FormWidget = Widget | "multiselect";

export interface FormFieldSpec {
  /** The column name, or the relation name for a many-to-many. */
  name: string;
  label: string;
  help?: string;
  widget: FormWidget;
  /** Shows the required mark and refuses an empty value. */
  required: boolean;
  /** Null is a value (an empty input saves null). */
  nullable: boolean;
  /** The caller may write it in this mode: its value goes into the request (on update, when changed). */
  writable: boolean;
  /** Rendered as an input; otherwise as read-only text. */
  editable: boolean;
  /** Not rendered at all (a writable one still sends its default). */
  hidden: boolean;
  /** Columns only: what the form schema validates. */
  descriptor?: FieldDescriptor;
  /** Pickers: the resource records come from and the field that names them. */
  target?: { resource: string; titleField: string; relation: string };
  /** What an empty input means, when the form knows better than the widget (a server-set field: "You"). */
  placeholder?: string;
}

function humanize(name: string) {
  return name.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/^./, (c) => c.toUpperCase());
}

/** True when the record carries the field (a per-row read rule may leave it out). */
function present(record: Record<string, unknown> | undefined, name: string) {
  return record !== undefined && Object.hasOwn(record, name);
}

export interface FormFieldsOptions {
  mode: FormMode;
  overrides?: Partial<Record<string, FieldOverride>>;
  order?: readonly string[];
  /** The edited record (update mode): fields a read rule withheld from it are left out. */
  record?: Record<string, unknown>;
  /**
   * Fields the server fills in itself (`descriptor.serverDefault`, e.g. a comment's author) are left out of a form
   * unless shown here: `true` for all of them (the admin), or their names. `fields[name].hidden: false` shows one too.
   */
  showServerSet?: boolean | readonly string[];
}

/** What an empty server-set field will be, in words for the person filling the form. */
function serverSetPlaceholder(field: FieldDescriptor): string {
  // An owner field (the demo's `defaultValue: callerId`) points at users: the server puts the person saving in it.
  return field.relation?.target === "users" ? "You" : "Filled in when saved";
}

export function formFields(meta: ResourceDescriptor, options: FormFieldsOptions): FormFieldSpec[] {
  const { mode, overrides = {}, order = [], record, showServerSet = false } = options;
  const shownServerSet = (name: string) =>
    showServerSet === true || (Array.isArray(showServerSet) && showServerSet.includes(name));
  const specs: FormFieldSpec[] = [];

  for (const field of meta.fields) {
    if (field.name === meta.idField) continue;
    const writable = mode === "create" ? field.canCreate : field.canUpdate;
    // On create only what the caller may set; on update also what they may read but not change.
    if (mode === "create" && !writable) continue;
    if (mode === "update" && !writable && !field.readable) continue;
    if (mode === "update" && field.readRestricted && !present(record, field.name)) continue;
    const override = overrides[field.name];
    const serverSet = field.serverDefault && !shownServerSet(field.name);
    const placeholder =
      override?.placeholder ?? (field.serverDefault && mode === "create" ? serverSetPlaceholder(field) : undefined);
    specs.push({
      name: field.name,
      label: override?.label ?? field.label,
      help: override?.help ?? field.help,
      widget: override?.widget ?? field.widget,
      required: field.required,
      nullable: field.nullable,
      writable,
      editable: writable && !override?.readOnly,
      hidden: override?.hidden ?? serverSet,
      descriptor: field,
      ...(placeholder ? { placeholder } : {}),
      ...(field.relation
        ? {
            target: {
              resource: field.relation.target,
              titleField: field.relation.titleField,
              relation: field.relation.name,
            },
          }
        : {}),
    });
  }

  const canWrite = mode === "create" ? meta.can.create : meta.can.update;
  for (const relation of meta.relations) {
    if (relation.kind !== "manyToMany" || !relation.writable) continue;
    if (mode === "create" && !canWrite) continue;
    const override = overrides[relation.name];
    specs.push({
      name: relation.name,
      label: override?.label ?? humanize(relation.name),
      help: override?.help,
      widget: "multiselect",
      required: false,
      nullable: false,
      writable: canWrite,
      editable: canWrite && !override?.readOnly,
      hidden: override?.hidden ?? false,
      target: { resource: relation.target, titleField: relation.titleField, relation: relation.name },
      ...(override?.placeholder ? { placeholder: override.placeholder } : {}),
    });
  }

  // Named in `order` first, in that order; then by override order; then as the descriptor lists them, with the
  // read-only ones (timestamps, server-set fields) after everything the user can change.
  const rank = (spec: FormFieldSpec, index: number): [number, number] => {
    const listed = order.indexOf(spec.name);
    if (listed >= 0) return [0, listed];
    const explicit = overrides[spec.name]?.order;
    if (explicit !== undefined) return [1, explicit];
    return [spec.editable ? 2 : 3, index];
  };
  return specs
    .map((spec, index) => ({ spec, key: rank(spec, index) }))
    .sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1])
    .map(({ spec }) => spec);
}

/** The relations `get` should expand so pickers show titles and multi-selects their current values. */
export function expandFor(meta: ResourceDescriptor): string[] {
  return meta.relations
    .filter((r) => r.kind === "belongsTo" || (r.kind === "manyToMany" && r.writable))
    .map((r) => r.name);
}
