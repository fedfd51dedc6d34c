/**
 * `files.token` (a query: read-only API tokens may ask too): a short-lived token for protected files (PocketBase's), for URLs where no cookie or header goes:
 * `/api/files/...?token=...`. Any signed-in caller gets one for themselves; what it opens is what they may read.
 */
import { authSecret } from "@/server/auth/secret";
import { createFileToken } from "@/server/core/files/token";
import { router, userProcedure } from "@/server/trpc";

export const filesRouter = router({
  token: userProcedure.query(({ ctx }) => createFileToken(ctx.actor.user.id, authSecret())),
});
