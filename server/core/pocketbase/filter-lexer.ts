/**
 * The tokens of PocketBase's filter language, read as PocketBase's own scanner (github.com/ganigeorgiev/fexpr)
 * reads them, so a filter a PocketBase client writes means the same here: identifiers (`title`, `author.name`,
 * `@now`, `tags:length`), numbers (`-12.5`, no exponent), text in `'` or `"` where a backslash escapes only the
 * quote that opened it, the sign operators, `&&` and `||`, parentheses, whitespace (space, tab, newline) and `//`
 * comments up to the end of the line. Every token carries its 0-based position for error messages.
 */
import { PocketBaseFilterError, quoteForMessage } from "./filter-error";

export const SIGN_OPERATORS = [
  "=",
  "!=",
  ">",
  ">=",
  "<",
  "<=",
  "~",
  "!~",
  "?=",
  "?!=",
  "?>",
  "?>=",
  "?<",
  "?<=",
  "?~",
  "?!~",
] as const;
export type SignOp = (typeof SIGN_OPERATORS)[number];
export type JoinOp = "&&" | "||";

export interface IdentifierToken {
  type: "identifier";
  name: string;
  position: number;
}
export interface NumberToken {
  type: "number";
  /** As written ("-0.50"): decimals keep their digits, and numbers are read by the field they meet. */
  literal: string;
  position: number;
}
export interface TextToken {
  type: "text";
  value: string;
  position: number;
}
export interface FunctionToken {
  type: "function";
  name: string;
  args: OperandToken[];
  position: number;
}
export type OperandToken = IdentifierToken | NumberToken | TextToken | FunctionToken;
export type Token =
  | OperandToken
  | { type: "sign"; op: SignOp; position: number }
  | { type: "join"; op: JoinOp; position: number }
  | { type: "open" | "close" | "eof"; position: number };

/** fexpr allows a function call inside a function's arguments, three calls deep in all. */
const MAX_FUNCTION_DEPTH = 3;

const isWhitespace = (c: string) => c === " " || c === "\t" || c === "\n";
const isLetter = (c: string) => (c >= "a" && c <= "z") || (c >= "A" && c <= "Z");
const isDigit = (c: string) => c >= "0" && c <= "9";
const isQuote = (c: string) => c === "'" || c === '"';
const isSignChar = (c: string) => "=?!><~".includes(c) && c !== "";
const isJoinChar = (c: string) => c === "&" || c === "|";
const isSpecialStart = (c: string) => c === "@" || c === "_" || c === "#";
const isIdentifierStart = (c: string) => isLetter(c) || isSpecialStart(c);
const isIdentifierPart = (c: string) => isLetter(c) || isDigit(c) || c === "." || c === ":" || c === "_";
const isNumberStart = (c: string) => c === "-" || isDigit(c);

/** fexpr's rule: an identifier may not end with `.` or `:`, nor be a lone `@`, `_` or `#`. */
function isValidIdentifier(name: string): boolean {
  const last = name.charAt(name.length - 1);
  return last !== "." && last !== ":" && !(name.length === 1 && isSpecialStart(name));
}

function isSignOp(text: string): text is SignOp {
  return (SIGN_OPERATORS as readonly string[]).includes(text);
}

class Lexer {
  private pos = 0;

  constructor(private readonly input: string) {}

  private peek(offset = 0): string {
    return this.input.charAt(this.pos + offset);
  }

  private fail(detail: string, position: number): never {
    throw new PocketBaseFilterError(detail, position);
  }

  /** All tokens, whitespace and comments left out, ending with `eof`. */
  tokens(): Token[] {
    const out: Token[] = [];
    for (;;) {
      const token = this.next();
      if (token) out.push(token);
      if (token?.type === "eof") return out;
    }
  }

  /** The next token, or undefined after skipping whitespace or a comment. */
  private next(): Token | undefined {
    const start = this.pos;
    const c = this.peek();
    if (c === "") return { type: "eof", position: start };
    if (isWhitespace(c)) {
      while (isWhitespace(this.peek())) this.pos++;
      return undefined;
    }
    if (c === "(") {
      this.pos++;
      return { type: "open", position: start };
    }
    if (c === ")") {
      this.pos++;
      return { type: "close", position: start };
    }
    if (isIdentifierStart(c)) return this.identifier(MAX_FUNCTION_DEPTH);
    if (isNumberStart(c)) return this.number();
    if (isQuote(c)) return this.text();
    if (isSignChar(c)) return this.sign();
    if (isJoinChar(c)) return this.join();
    if (c === "/") return this.comment();
    const char = String.fromCodePoint(this.input.codePointAt(start) ?? 0);
    return this.fail(`unexpected character ${quoteForMessage(char)}`, start);
  }

  private comment(): undefined {
    const start = this.pos;
    if (this.peek(1) !== "/") this.fail("unexpected '/' (a comment starts with //)", start);
    const end = this.input.indexOf("\n", start);
    this.pos = end === -1 ? this.input.length : end;
    return undefined;
  }

  private identifier(functionDepth: number): IdentifierToken | FunctionToken {
    const start = this.pos;
    this.pos++; // the start character (a letter, @, _ or #)
    while (isIdentifierPart(this.peek())) this.pos++;
    const name = this.input.slice(start, this.pos);
    if (!isValidIdentifier(name)) this.fail(`invalid identifier ${quoteForMessage(name)}`, start);
    if (this.peek() !== "(") return { type: "identifier", name, position: start };
    if (functionDepth <= 0) {
      this.fail(`functions nested deeper than ${MAX_FUNCTION_DEPTH} calls`, start);
    }
    return this.functionCall(name, start, functionDepth);
  }

  private functionCall(name: string, start: number, functionDepth: number): FunctionToken {
    this.pos++; // "("
    const args: OperandToken[] = [];
    let expectComma = false;
    for (;;) {
      const c = this.peek();
      const at = this.pos;
      if (c === "") this.fail(`missing ')' to close ${quoteForMessage(`${name}(`)}`, start);
      if (c === ")") {
        this.pos++;
        return { type: "function", name, args, position: start };
      }
      if (isWhitespace(c)) {
        this.pos++;
        continue;
      }
      if (c === "/") {
        this.comment();
        continue;
      }
      if (c === ",") {
        if (!expectComma) this.fail(`unexpected ',' in ${quoteForMessage(`${name}(`)}`, at);
        expectComma = false;
        this.pos++;
        continue;
      }
      if (expectComma) this.fail(`expected ',' between the arguments of ${quoteForMessage(`${name}(`)}`, at);
      if (isIdentifierStart(c)) args.push(this.identifier(functionDepth - 1));
      else if (isNumberStart(c)) args.push(this.number());
      else if (isQuote(c)) args.push(this.text());
      else this.fail(`unexpected ${quoteForMessage(c)} in the arguments of ${quoteForMessage(`${name}(`)}`, at);
      expectComma = true;
    }
  }

  /** Digits with at most one point and an optional leading minus; no exponent (fexpr's numbers). */
  private number(): NumberToken {
    const start = this.pos;
    let hadDot = false;
    for (;;) {
      const c = this.peek();
      const ok = isDigit(c) || (c === "-" && this.pos === start) || (c === "." && !hadDot);
      if (!ok) break;
      if (c === ".") hadDot = true;
      this.pos++;
    }
    const literal = this.input.slice(start, this.pos);
    if (literal === "-" || literal.endsWith(".")) this.fail(`invalid number ${quoteForMessage(literal)}`, start);
    return { type: "number", literal, position: start };
  }

  /**
   * Quoted text. As in fexpr, the text ends at the first opening quote not right after a backslash, and only
   * `\'` (in '…') or `\"` (in "…") loses its backslash: `\n` stays two characters, and no text can end with `\`.
   */
  private text(): TextToken {
    const start = this.pos;
    const quote = this.peek();
    let i = start + 1;
    for (;;) {
      const found = this.input.indexOf(quote, i);
      if (found === -1) this.fail("unterminated text starting", start);
      if (this.input.charAt(found - 1) !== "\\") {
        this.pos = found + 1;
        const raw = this.input.slice(start + 1, found);
        return { type: "text", value: raw.replaceAll(`\\${quote}`, quote), position: start };
      }
      i = found + 1;
    }
  }

  private sign(): Token {
    const start = this.pos;
    while (isSignChar(this.peek())) this.pos++;
    const op = this.input.slice(start, this.pos);
    if (!isSignOp(op)) this.fail(`invalid operator ${quoteForMessage(op)}`, start);
    return { type: "sign", op, position: start };
  }

  private join(): Token {
    const start = this.pos;
    while (isJoinChar(this.peek())) this.pos++;
    const op = this.input.slice(start, this.pos);
    if (op !== "&&" && op !== "||") this.fail(`invalid operator ${quoteForMessage(op)} (use && or ||)`, start);
    return { type: "join", op, position: start };
  }
}

/** The tokens of a filter; a PocketBaseFilterError at the first character that cannot start or continue one. */
export function tokenize(input: string): Token[] {
  return new Lexer(input).tokens();
}
