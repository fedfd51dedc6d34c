/**
 * An edit form whose record someone else saved meanwhile: which fields they changed (against what this form started
 * from), and how "keep my edits" merges their version with the fields this reader has touched. Pure, unit-tested.
 */
import type { FormFieldSpec } from "./form-fields";
import { type Drafts, sameDraft, toDraft } from "./form-values";
import type { ResourceRecord } from "./resource-api";

/** The drafts a record reads as in this form. */
export function draftsOf(specs: FormFieldSpec[], record: ResourceRecord): Drafts {
  return Object.fromEntries(specs.map((spec) => [spec.name, toDraft(spec, record[spec.name], record.expand)]));
}

/**
 * Whether `remote` is a later save than `base`. Records with `updatedAt` compare by it (so a refetch that is merely
 * late, or the event of this form's own save, is never taken for someone else's change); others by identity.
 */
export function isNewer(remote: ResourceRecord, base: ResourceRecord): boolean {
  const [r, b] = [remote.updatedAt, base.updatedAt];
  if (r instanceof Date && b instanceof Date) return r.getTime() > b.getTime();
  return remote !== base;
}

/** The same saved version: same id, and the same `updatedAt` (records without one are never taken for the same). */
export function sameVersion(a: ResourceRecord, b: ResourceRecord): boolean {
  const [x, y] = [a.updatedAt, b.updatedAt];
  return a.id === b.id && x instanceof Date && y instanceof Date && x.getTime() === y.getTime();
}

/** The editable fields on screen whose saved value differs from the one the form started from. */
export function remoteChanges(specs: FormFieldSpec[], baseline: Drafts, remote: Drafts): FormFieldSpec[] {
  return specs.filter(
    (spec) => spec.editable && !spec.hidden && !sameDraft(remote[spec.name] ?? null, baseline[spec.name] ?? null),
  );
}

/** Their version, except where this reader changed a field: there the reader's draft stays. */
export function keepMine(specs: FormFieldSpec[], drafts: Drafts, baseline: Drafts, remote: Drafts): Drafts {
  return Object.fromEntries(
    specs.map((spec) => {
      const mine = drafts[spec.name] ?? null;
      const touched = !sameDraft(mine, baseline[spec.name] ?? null);
      return [spec.name, touched ? mine : (remote[spec.name] ?? null)];
    }),
  );
}
