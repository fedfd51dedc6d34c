/**
 * A new resource's name, checked and spelled for every place it goes: `invoiceItems` is the registry key, the tRPC
 * path and the admin URL; `invoice_items` the table; `invoice-items.ts` the files. Pure: what already exists in the
 * project comes in as a `ProjectNames` snapshot (scripts/gen-resource/project.ts reads it).
 */

export interface ResourceNames {
  /** Registry key, tRPC path (`trpc.invoiceItems.list`), admin URL and the table's export in db/schema. */
  key: string;
  /** The SQL table. */
  table: string;
  /** File name, without `.ts`, in db/schema/ and server/resources/. */
  file: string;
  /** `invoiceItemsResource`. */
  resourceConst: string;
  /** `invoiceItem`: prefixes enum exports (`invoiceItemStatus`) and their SQL types (`invoice_item_status`). */
  singular: string;
  label: { one: string; many: string };
}

/** What the project already has: the new resource may collide with none of it. */
export interface ProjectNames {
  /** Keys of `resources` in server/resources/index.ts and of the app router (audit, tokens...). */
  apiKeys: string[];
  /** Tables and enum types of db/schema (SQL names). */
  sqlNames: string[];
  /** `export const` names of db/schema. */
  schemaExports: string[];
  /** Files (without .ts) in db/schema/ and server/resources/. */
  files: string[];
}

export class NameError extends Error {}

// ECMAScript reserved words (and strict-mode ones): a registry key is fine as a property, but the generated code
// also declares `const <name>`.
const JS_RESERVED = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally for " +
    "function if import in instanceof new null return super switch this throw true try typeof var void while with " +
    "yield let static implements interface package private protected public await arguments eval undefined NaN Infinity"
  ).split(" "),
);
// tRPC refuses these as router keys; the others shadow Object.prototype.
const API_RESERVED = new Set([
  "then",
  "call",
  "apply",
  "constructor",
  "prototype",
  "toString",
  "valueOf",
  "hasOwnProperty",
]);
// Paths the app serves next to /admin/<resource>, and words that read as the app's own parts.
const APP_RESERVED = new Set(["admin", "api", "auth", "audit", "health", "trpc", "tokens", "new", "account", "dev"]);

const CAMEL = /^[a-z][a-zA-Z0-9]*$/;
const SEPARATED = /^[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*$/;

function camelCase(input: string): string {
  return input.replace(/[-_]([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

export function snakeCase(camel: string): string {
  return camel.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();
}

/** English plural to singular for the usual shapes; `--label` covers the rest ("people"). */
export function singularize(word: string): string {
  if (/[^aeiou]ies$/.test(word)) return `${word.slice(0, -3)}y`;
  if (/(?:s|x|z|ch|sh)es$/.test(word)) return word.slice(0, -2);
  if (/[^su]s$/.test(word)) return word.slice(0, -1);
  return word;
}

/** "invoiceItems" -> "Invoice items". */
export function humanizeKey(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Checks a name typed on the command line and spells it for each use, or throws a NameError saying why not. */
export function resourceNames(input: string, project: ProjectNames, label?: string): ResourceNames {
  if (input.length === 0) throw new NameError("Name the resource: npm run gen:resource -- invoices");
  if (input.length > 40) throw new NameError(`"${input}" is too long: at most 40 characters`);
  if (!CAMEL.test(input) && !SEPARATED.test(input)) {
    throw new NameError(
      `"${input}" is not a valid resource name: use lower-case letters and digits, starting with a letter, ` +
        `in camelCase or with - or _ between words (invoices, invoiceItems, invoice-items)`,
    );
  }
  const key = camelCase(input);
  const table = snakeCase(key);
  const file = table.replaceAll("_", "-");
  if (JS_RESERVED.has(key) || API_RESERVED.has(key) || APP_RESERVED.has(key)) {
    throw new NameError(`"${key}" is reserved (a JavaScript word, a tRPC or app route name): choose another name`);
  }
  if (project.apiKeys.includes(key)) throw new NameError(`A resource or router called "${key}" already exists`);
  if (project.sqlNames.includes(table)) throw new NameError(`db/schema already has a table or type "${table}"`);
  if (project.schemaExports.includes(key)) throw new NameError(`db/schema already exports "${key}"`);
  if (project.files.includes(file)) {
    throw new NameError(`db/schema/${file}.ts or server/resources/${file}.ts already exists`);
  }
  const singular = singularize(key);
  return {
    key,
    table,
    file,
    resourceConst: `${key}Resource`,
    singular,
    label: parseLabel(label) ?? { one: humanizeKey(singular), many: humanizeKey(key) },
  };
}

/** `--label "Person,People"`. */
function parseLabel(label: string | undefined): { one: string; many: string } | undefined {
  if (label === undefined) return undefined;
  const [one = "", many = "", ...rest] = label.split(",").map((s) => s.trim());
  if (!one || !many || rest.length > 0 || /["`\\$]/.test(label)) {
    throw new NameError(`--label takes "Singular,Plural" (e.g. "Person,People"), not "${label}"`);
  }
  return { one, many };
}
