// Auth.js endpoints: csrf, session, providers, sign-in, callbacks (credentials and OAuth), sign-out.
import { handlers } from "@/server/auth";

export const { GET, POST } = handlers;
