/**
 * The one error of the PocketBase filter language: a plain sentence and the character position it is about, so an
 * API answers it as a 400 with that message and nothing of the parser's insides.
 */
export class PocketBaseFilterError extends Error {
  override readonly name = "PocketBaseFilterError";

  /**
   * @param detail what is wrong, without the position ("unexpected ')'")
   * @param position 0-based offset into the filter text (a JavaScript string index)
   */
  constructor(
    readonly detail: string,
    readonly position: number,
  ) {
    super(`${detail} at ${position}`);
  }
}

/** Shows a piece of the input in a message: quoted, and cut short so a message stays a sentence. */
export function quoteForMessage(text: string): string {
  const short = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  return `'${short}'`;
}
