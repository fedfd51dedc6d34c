/**
 * PocketBase's filter grammar, with positions:
 *
 *   filter     := and ( "||" and )*
 *   and        := primary ( "&&" primary )*
 *   primary    := "(" filter ")" | operand SIGN operand
 *   operand    := identifier | number | text | function call
 *
 * `&&` binds tighter than `||`, as in PocketBase, which joins its expressions into one SQL condition where AND
 * precedes OR. A chain of one operator is one n-ary node, and a parenthesised group of the same operator merges into
 * it (`(a && b) && c` is `a && b && c`): the same condition, nested less deeply.
 *
 * Stricter than fexpr where fexpr silently drops input (`a (b = 1)` keeps only the group there): a missing operator
 * or operand is an error here. Bounded: PocketBase's 3500-byte limit on the text and its 200 expressions, and
 * parentheses at most 32 deep, so no input can exhaust the stack.
 */
import { PocketBaseFilterError } from "./filter-error";
import { type OperandToken, type SignOp, type Token, tokenize } from "./filter-lexer";

export type { OperandToken, SignOp } from "./filter-lexer";

export interface Comparison {
  kind: "compare";
  left: OperandToken;
  op: SignOp;
  right: OperandToken;
  /** Where the operator is. */
  position: number;
}
export interface Junction {
  kind: "and" | "or";
  /** Two or more, none of them a Junction of the same kind. */
  items: FilterAst[];
  position: number;
}
export type FilterAst = Comparison | Junction;

/** PocketBase's `MaxFilterLength` (in UTF-8 bytes, as Go counts a string). */
export const MAX_FILTER_BYTES = 3500;
/** PocketBase's `DefaultFilterExprLimit`: comparisons in one filter. */
export const MAX_FILTER_TERMS = 200;
/** Redundant parentheses are harmless, but each level is a recursion. */
export const MAX_PARENTHESES = 32;

function shown(token: Token): string {
  switch (token.type) {
    case "eof":
      return "the end of the filter";
    case "open":
      return "'('";
    case "close":
      return "')'";
    case "sign":
    case "join":
      return `'${token.op}'`;
    case "identifier":
      return `'${token.name}'`;
    case "function":
      return `'${token.name}('`;
    case "number":
      return `'${token.literal}'`;
    case "text":
      return "quoted text";
  }
}

function isOperand(token: Token): token is OperandToken {
  return token.type === "identifier" || token.type === "number" || token.type === "text" || token.type === "function";
}

class Parser {
  private index = 0;
  private terms = 0;

  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.index] ?? { type: "eof", position: 0 };
  }

  private take(): Token {
    const token = this.peek();
    if (token.type !== "eof") this.index++;
    return token;
  }

  parse(): FilterAst {
    if (this.peek().type === "eof") throw new PocketBaseFilterError("the filter is empty", 0);
    const ast = this.junction("or", 0);
    const rest = this.peek();
    if (rest.type === "close") throw new PocketBaseFilterError("unexpected ')'", rest.position);
    if (rest.type !== "eof") {
      throw new PocketBaseFilterError(`expected && or || but found ${shown(rest)}`, rest.position);
    }
    return ast;
  }

  /** `or` holds `and`s, `and` holds primaries; a chain of one item is that item. */
  private junction(kind: "and" | "or", depth: number): FilterAst {
    const first = this.peek().position;
    const items: FilterAst[] = [];
    const join = kind === "and" ? "&&" : "||";
    for (;;) {
      const item = kind === "or" ? this.junction("and", depth) : this.primary(depth);
      if (item.kind === kind) items.push(...item.items);
      else items.push(item);
      const next = this.peek();
      if (next.type !== "join" || next.op !== join) break;
      this.take();
    }
    return items.length === 1 && items[0] ? items[0] : { kind, items, position: first };
  }

  private primary(depth: number): FilterAst {
    const token = this.take();
    if (token.type === "open") {
      if (depth >= MAX_PARENTHESES) {
        throw new PocketBaseFilterError(`parentheses nested deeper than ${MAX_PARENTHESES}`, token.position);
      }
      if (this.peek().type === "close") throw new PocketBaseFilterError("empty parentheses", token.position);
      const inner = this.junction("or", depth + 1);
      const close = this.take();
      if (close.type !== "close") {
        throw new PocketBaseFilterError(
          `expected ')' to close the '(' at ${token.position} but found ${shown(close)}`,
          close.position,
        );
      }
      return inner;
    }
    if (!isOperand(token)) {
      throw new PocketBaseFilterError(`expected a field, a value or '(' but found ${shown(token)}`, token.position);
    }
    const sign = this.take();
    if (sign.type !== "sign") {
      throw new PocketBaseFilterError(
        `expected an operator such as = after ${shown(token)} but found ${shown(sign)}`,
        sign.position,
      );
    }
    const right = this.take();
    if (!isOperand(right)) {
      throw new PocketBaseFilterError(
        `expected a field or a value after '${sign.op}' but found ${shown(right)}`,
        right.position,
      );
    }
    this.terms++;
    if (this.terms > MAX_FILTER_TERMS) {
      throw new PocketBaseFilterError(`more than ${MAX_FILTER_TERMS} comparisons in one filter`, sign.position);
    }
    return { kind: "compare", left: token, op: sign.op, right, position: sign.position };
  }
}

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** The syntax tree of a PocketBase filter; a PocketBaseFilterError with a position for anything else. */
export function parseFilter(input: string): FilterAst {
  // A UTF-8 byte count is at least the string's length, so the cheap test comes first.
  if (input.length > MAX_FILTER_BYTES || utf8Length(input) > MAX_FILTER_BYTES) {
    throw new PocketBaseFilterError(`the filter is longer than ${MAX_FILTER_BYTES} bytes`, MAX_FILTER_BYTES);
  }
  return new Parser(tokenize(input)).parse();
}
