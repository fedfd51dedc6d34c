/**
 * Splits a failed save into messages for the fields on screen and messages for the form as a whole. The server
 * keys field errors by record field (`slug`, `tags`, batch paths like `items.3.slug`); `_form` and anything about a
 * field this form does not show goes to the form.
 */
import type { FieldErrors } from "./form-validation";

/** The parts of a tRPC client error this needs (see the errorFormatter in server/trpc.ts). */
export interface SaveError {
  message: string;
  data?: { fieldErrors?: Record<string, string[]> | null } | null;
}

export function splitServerErrors(
  error: SaveError,
  shown: ReadonlySet<string>,
  labels: ReadonlyMap<string, string>,
): { fields: FieldErrors; form: string[] } {
  const fields: FieldErrors = {};
  const form: string[] = [];
  const given = error.data?.fieldErrors;
  if (!given || Object.keys(given).length === 0) return { fields, form: [error.message] };
  for (const [key, messages] of Object.entries(given)) {
    const field = key.split(".")[0] ?? key;
    if (shown.has(field)) {
      fields[field] = [...(fields[field] ?? []), ...messages];
    } else {
      // A message about a field the user cannot see names it by its label, unless it already does.
      const label = labels.get(field);
      for (const message of messages) {
        const named = !label || message.toLowerCase().includes(label.toLowerCase());
        form.push(field === "_form" || named ? message : `${label}: ${message}`);
      }
    }
  }
  return { fields, form };
}
