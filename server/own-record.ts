/**
 * The signed-in user's own `users` record, read as them, for the headers' picture (their avatar and name, kept live
 * in the browser). Undefined when it cannot be read (the database is down): the header then shows initials.
 */
import "server-only";
import { serverCaller } from "./admin";

export async function ownRecord(id: string) {
  try {
    return await (await serverCaller()).users.get({ id });
  } catch {
    return undefined;
  }
}
