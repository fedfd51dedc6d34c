/**
 * `"/posts/{slug}"` filled in from a record: the serialisable form of "where a record links to", which server
 * components can pass to client ones (`ResourceForm redirectTo`, `ResourceTable rowHref`), unlike a function.
 */

const PLACEHOLDER = /\{([A-Za-z_$][\w$]*)\}/g;

/** The field names a template uses, in order. */
export function hrefFields(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((match) => match[1] ?? "");
}

/**
 * Fills each `{field}` with the record's value, URL-encoded. Throws for a field the record does not have, naming it:
 * a wrong template is a developer's mistake to see at once, not a link to "/posts/undefined".
 */
export function fillHref(template: string, record: Record<string, unknown>): string {
  return template.replace(PLACEHOLDER, (_, name: string) => {
    const value = record[name];
    if (value === undefined || value === null || typeof value === "object") {
      throw new Error(`"${template}" names {${name}}, which this record has no value for`);
    }
    return encodeURIComponent(String(value));
  });
}
