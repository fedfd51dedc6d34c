import { env } from "@/env";

/** The secret sessions are encrypted with; failing loudly beats every session silently failing to decode. */
export function authSecret(): string {
  const secret = env().AUTH_SECRET;
  if (!secret) throw new Error("AUTH_SECRET is not set: start the app with `npm run dev` / `npm start`, or set it.");
  return secret;
}
