/**
 * Action definitions fail loudly (decision 016): a name a procedure already has, an input that is not an object of
 * named fields, or a `run` that is no function stops the server at start, naming the resource and the action.
 */
import { z } from "zod";
import type { ActionMap } from "./define";

/** Action names become procedure names (`posts.publish`) and URL segments: lower camelCase identifiers. */
const ACTION_NAME = /^[a-z][A-Za-z0-9]{0,63}$/;
/** Input keys become form fields and the keys of field errors. */
const INPUT_KEY = /^[A-Za-z_][A-Za-z0-9_]{0,99}$/;

/** The procedure names an action's procedures take: its name, and `<name>Many` for a bulk one. */
export function actionProcedureNames(actions: ActionMap): string[] {
  return Object.entries(actions).flatMap(([name, action]) => (action.bulk ? [name, `${name}Many`] : [name]));
}

export function actionProblems(resource: string, actions: ActionMap, reserved: readonly string[]): string[] {
  const problems: string[] = [];
  const taken = new Map<string, string>(reserved.map((p) => [p, `the ${p} procedure`]));
  for (const [name, action] of Object.entries(actions)) {
    const at = `actions.${name}`;
    if (!ACTION_NAME.test(name)) {
      problems.push(`${at}: an action's name is a lower camelCase identifier (it names a procedure)`);
      continue;
    }
    const procedures = action.bulk ? [name, `${name}Many`] : [name];
    for (const procedure of procedures) {
      const other = taken.get(procedure);
      if (other) problems.push(`${at}: the procedure ${resource}.${procedure} would clash with ${other}`);
      else taken.set(procedure, `actions.${name}`);
    }
    if (typeof action.run !== "function") problems.push(`${at}: run must be a function`);
    if (!(action.input instanceof z.ZodObject)) {
      problems.push(`${at}: input must be a z.object({...}) (its fields become the action's form)`);
    } else {
      for (const key of Object.keys(action.input.shape)) {
        if (!INPUT_KEY.test(key)) problems.push(`${at}: input field "${key}" is not an identifier`);
      }
    }
    if (action.access && typeof action.access.allow !== "function") {
      problems.push(`${at}: access must be a rule (rule("name", ({ user }) => ...))`);
    }
  }
  return problems.map((p) => `resource "${resource}": ${p}`);
}
