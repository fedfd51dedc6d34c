/** The resource engine's public surface: what `server/resources/*` and the app router use. */
export { type AccessRule, type AccessRules, anyone } from "./access";
export type { FieldConfig, FieldRules, Widget } from "./fields";
export type { FieldDescriptor, RelationDescriptor, ResourceDescriptor } from "./meta";
export type { ListResult } from "./read";
export { belongsTo, hasCount, hasMany, manyToMany } from "./relations";
export {
  type AnyResource,
  type CreateInput,
  defineResource,
  type ReadRecord,
  type UpdateInput,
} from "./resource";
export { createResourceRouter, type ResourceRouter, resourceRouters } from "./router";
export type { Filter, ListInput } from "./types";
