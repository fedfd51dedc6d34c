/**
 * Texts of a timestamp filter's range ends for property tests: real minutes and days, and texts shaped like them that
 * name no moment (what a link edited by hand, or a half-typed input, may hold).
 */
import fc from "fast-check";

export interface MinuteParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");
const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Real minutes of the years the engine stores (100 to 9999). */
export const minuteParts: fc.Arbitrary<MinuteParts> = fc
  .record({
    year: fc.integer({ min: 100, max: 9999 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 31 }),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.integer({ min: 0, max: 59 }),
  })
  .map((p) => ({ ...p, day: Math.min(p.day, daysIn(p.year, p.month)) }));

export const dayOf = (p: MinuteParts) => `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
export const minuteOf = (p: MinuteParts) => `${dayOf(p)}T${pad(p.hour)}:${pad(p.minute)}`;

/** "YYYY-MM-DDTHH:MM" as a datetime-local input writes it. */
export const minuteText = minuteParts.map(minuteOf);
/** "YYYY-MM-DD": the whole day. */
export const dayText = minuteParts.map(dayOf);

/**
 * Shaped like a minute, but none the filter takes: a day past its month's end, 24:00 or later, :60 or later, a year
 * before 100, a thirteenth month, seconds, a space for the T.
 */
export const impossibleMinute: fc.Arbitrary<string> = fc.oneof(
  minuteParts.chain((p) =>
    fc.integer({ min: daysIn(p.year, p.month) + 1, max: 99 }).map((day) => minuteOf({ ...p, day })),
  ),
  minuteParts.chain((p) => fc.integer({ min: 24, max: 99 }).map((hour) => minuteOf({ ...p, hour }))),
  minuteParts.chain((p) => fc.integer({ min: 60, max: 99 }).map((minute) => minuteOf({ ...p, minute }))),
  minuteParts.chain((p) => fc.integer({ min: 0, max: 99 }).map((year) => minuteOf({ ...p, year }))),
  minuteParts.map((p) => minuteOf({ ...p, month: 13 + (p.month % 87) })),
  minuteParts.map((p) => `${minuteOf(p)}:00`),
  minuteParts.map((p) => `${dayOf(p)} ${pad(p.hour)}:${pad(p.minute)}`),
  fc.constantFrom("2026-02-30T10:00", "2026-11-29T24:00", "0000-01-01T00:00", "2026-11-29T1:05", "+02026-11-29T10:00"),
);

/** A minute's text cut short (a half-typed value), never a whole day. */
export const halfTyped: fc.Arbitrary<string> = fc
  .tuple(minuteText, fc.integer({ min: 1, max: 15 }))
  .filter(([, n]) => n !== 10)
  .map(([text, n]) => text.slice(0, n));
