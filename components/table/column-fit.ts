/**
 * Which columns a generated table shows in a box of a given width, until the user picks columns themselves. Each
 * column has a width its kind of value needs; the title column takes what is left (never less than TITLE_MIN_WIDTH);
 * when not all fit, the column the rows are sorted by stays on screen first, then short, telling kinds (an enum, a
 * relation, a flag) before long ones (free text, ids). Pure, so the rules can be tested without a browser.
 */

/** What fitting needs to know of a field (a subset of FieldDescriptor). */
export interface FitField {
  name: string;
  type: string;
  label: string;
  sortable: boolean;
  relation?: unknown;
  /** File fields: what they accept and the thumbnails they declare. */
  file?: { accept?: readonly string[]; thumbs?: readonly string[] };
}

/** A file field of pictures (an avatar, a cover): it takes only images and declares thumbnails to show them with. */
export function isImageField(field: Pick<FitField, "type" | "file">): boolean {
  const accept = field.file?.accept;
  return (
    field.type === "file" &&
    !!field.file?.thumbs?.length &&
    !!accept?.length &&
    accept.every((type) => type.startsWith("image/"))
  );
}

/** The checkbox column. */
export const SELECT_WIDTH = 44;
/** The title names each row: it never gets narrower than this. */
export const TITLE_MIN_WIDTH = 224;
/** Below this box width a table cannot show a record legibly: records show as cards instead. */
export const CARDS_BELOW = 640;

/** Widths (px, padding included) that the usual value of each kind fits in; a long value is cut with an ellipsis. */
const KIND_WIDTH: Record<string, number> = {
  boolean: 96,
  enum: 132,
  integer: 112,
  number: 128,
  uuid: 120,
  date: 208,
  json: 200,
  text: 176,
  // A thumbnail, or an icon and a short name.
  file: 144,
};
const CALENDAR_DAY_WIDTH = 136;
/** A thumbnail alone: a picture tells more than most columns in less room. */
const IMAGE_WIDTH = 72;
const IMAGE_RANK = 75;
const RELATION_WIDTH = 168;
const OTHER_WIDTH = 160;

/** Keeps-on-screen rank by kind when space runs out (higher stays). */
const KIND_RANK: Record<string, number> = {
  enum: 90,
  boolean: 70,
  date: 60,
  integer: 50,
  number: 50,
  text: 40,
  uuid: 10,
  json: 5,
  file: 30,
};
const RELATION_RANK = 80;

/** The width a column asks for: its kind's, and at least enough for its heading and sort arrow. */
export function columnWidth(field: FitField, calendar: boolean): number {
  const byKind = field.relation
    ? RELATION_WIDTH
    : isImageField(field)
      ? IMAGE_WIDTH
      : field.type === "date" && calendar
        ? CALENDAR_DAY_WIDTH
        : (KIND_WIDTH[field.type] ?? OTHER_WIDTH);
  // Headings are uppercase 12 px with wide tracking (about 8.5 px a letter), plus padding, the arrow and a gap.
  const heading = Math.ceil(field.label.length * 8.5) + 24 + (field.sortable ? 22 : 0);
  return Math.max(byKind, heading);
}

function rank(field: FitField, sortIndex: number): number {
  // The order the rows are in must stay visible: a reader has to see why the first row is first.
  if (sortIndex === 0) return 1000;
  if (sortIndex > 0) return 500 - sortIndex;
  if (isImageField(field)) return IMAGE_RANK;
  return field.relation ? RELATION_RANK : (KIND_RANK[field.type] ?? 30);
}

export interface FitInput {
  /** Fields by name (at least every candidate's). */
  fields: ReadonlyMap<string, FitField>;
  /** The columns wanted, in display order, title excluded. */
  candidates: readonly string[];
  /** Sort keys, primary first. */
  sort: readonly string[];
  /** Calendar-date fields, which need less room than timestamps. */
  dayFields: ReadonlySet<string>;
  /** The box's inner width, px. */
  width: number;
  selectable: boolean;
}

/** The room left for the other columns beside the checkbox and the title at its minimum. */
export function spareWidth(width: number, selectable: boolean): number {
  return width - (selectable ? SELECT_WIDTH : 0) - TITLE_MIN_WIDTH;
}

/** The candidates, most important first: the one that stays longest when the box narrows leads. */
export function byRank(
  fields: ReadonlyMap<string, FitField>,
  candidates: readonly string[],
  sort: readonly string[],
): string[] {
  return candidates
    .map((name, order) => ({ name, order, field: fields.get(name) }))
    .filter((c): c is { name: string; order: number; field: FitField } => c.field !== undefined)
    .sort((a, b) => rank(b.field, sort.indexOf(b.name)) - rank(a.field, sort.indexOf(a.name)) || a.order - b.order)
    .map((c) => c.name);
}

/**
 * The candidates that fit `width`, in display order: the most important ones, as many as fit. It stops at the first
 * that does not fit rather than squeezing in a narrower, less telling one: the room left goes to the title.
 */
export function fitColumns({ fields, candidates, sort, dayFields, width, selectable }: FitInput): string[] {
  let room = spareWidth(width, selectable);
  const kept = new Set<string>();
  for (const name of byRank(fields, candidates, sort)) {
    const need = columnWidth(fields.get(name) as FitField, dayFields.has(name));
    if (need > room) break;
    kept.add(name);
    room -= need;
  }
  return candidates.filter((name) => kept.has(name));
}

/** The few fields a record's card shows under its title: the most important of the wanted ones, in display order. */
export function cardFields(
  fields: ReadonlyMap<string, FitField>,
  candidates: readonly string[],
  sort: readonly string[],
  count = 3,
): string[] {
  const best = new Set(byRank(fields, candidates, sort).slice(0, count));
  return candidates.filter((name) => best.has(name));
}

/**
 * The picture a record's card leads with: the first wanted image field (a file field that accepts only images and
 * declares thumbnails, like an avatar or a cover). Shown beside the title rather than as one of the card's lines.
 */
export function cardMedia(
  spec: { columns: readonly Pick<FitField, "name" | "type" | "file">[] },
  candidates: readonly string[],
): string | undefined {
  return candidates.find((name) => {
    const field = spec.columns.find((f) => f.name === name);
    return field !== undefined && isImageField(field);
  });
}
