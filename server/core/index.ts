/** The resource engine's public surface: what `server/resources/*` and the app router use. */
export {
  type AccessRules,
  adminsOnly,
  anyone,
  type CreateRule,
  callerId,
  type DeleteRule,
  hasRole,
  type ReadRule,
  type Rule,
  type RuleArgs,
  rule,
  signedIn,
  type UpdateRule,
  verified,
} from "./access";
export type {
  ActionBuilder,
  ActionConfirm,
  ActionContext,
  ActionDefinition,
  RecordActionContext,
  RecordActionRule,
  ResourceActionRule,
} from "./actions/define";
export type { ActionDescriptor } from "./actions/describe";
export { type Actor, type User, userOf } from "./actor";
export { checkRegistry, DefinitionError } from "./definition-checks";
export type { RegistryProblems } from "./definition-checks-types";
export type { FieldAccess, FieldConfig, FieldReadRule, FieldRule, FieldRules, Widget } from "./fields";
export { fileColumn, filesColumn, type StoredFile } from "./files/column";
export { type FileDescriptor, type FileOptions, type FileSize, file } from "./files/options";
export type { ThumbSize } from "./files/thumb-size";
export { type KeepAtLeastOne, keepAtLeastOne } from "./keep-at-least-one";
export type { FieldDescriptor, RelationDescriptor, ResourceDescriptor } from "./meta";
export type { ListResult } from "./read";
export type { LiveChange, LiveInput, LiveMessage, LiveReady } from "./realtime/types";
export { belongsTo, hasCount, hasMany, manyToMany } from "./relations";
export {
  type AnyResource,
  type CreateInput,
  defineResource,
  type FileRef,
  type ReadRecord,
  type UpdateInput,
} from "./resource";
export { createResourceRouter, type ResourceRouter, resourceRouters } from "./router";
export type { Filter, ListInput } from "./types";
