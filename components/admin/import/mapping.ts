/**
 * Which field each CSV column fills. Matched by the field's name first (what the export writes in its header), then
 * its label, ignoring case, spaces and punctuation ("Published at" fills `publishedAt`); every field at most once.
 */

export interface ImportField {
  name: string;
  label: string;
  /** Must be given (not nullable, no default): an unmapped required field makes every row fail. */
  required: boolean;
}

/** Column index -> field name, or null when the column is not imported. */
export type Mapping = (string | null)[];

const squash = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");

export function autoMap(header: readonly string[], fields: readonly ImportField[]): Mapping {
  const taken = new Set<string>();
  const pick = (match: (f: ImportField) => boolean) => {
    const field = fields.find((f) => !taken.has(f.name) && match(f));
    if (field) taken.add(field.name);
    return field?.name ?? null;
  };
  const mapping: Mapping = header.map((column) => pick((f) => f.name === column));
  return mapping.map((found, i) => {
    const column = squash(header[i] ?? "");
    return found ?? pick((f) => squash(f.name) === column || squash(f.label) === column);
  });
}

/** Fields chosen for more than one column. */
export function duplicateFields(mapping: Mapping): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const field of mapping) {
    if (field === null) continue;
    if (seen.has(field)) twice.add(field);
    seen.add(field);
  }
  return [...twice];
}

/** Required fields no column fills. */
export function missingFields(mapping: Mapping, fields: readonly ImportField[]): ImportField[] {
  return fields.filter((f) => f.required && !mapping.includes(f.name));
}

/** One row as the server takes it: `{ field: cell }` for the mapped columns. */
export function mappedRow(cells: readonly string[], mapping: Mapping): Record<string, string> {
  const row: Record<string, string> = {};
  mapping.forEach((field, i) => {
    if (field !== null) row[field] = cells[i] ?? "";
  });
  return row;
}
