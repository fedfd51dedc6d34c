/**
 * Runs once when a Next server boots (not during `next build`). The literal NEXT_RUNTIME check lets Next drop the
 * Node-only boot code from the edge bundle, which is why process.env is read here and not through env.ts.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { assertDefinitionsOrExit, assertEnvironmentOrExit } = await import("./server/boot");
    assertEnvironmentOrExit();
    await assertDefinitionsOrExit(process.env.NODE_ENV === "production");
    // Unused uploads and replaced files are deleted after their grace, by whichever instance gets there first.
    const { startFileSweeper } = await import("./server/core/files/sweep");
    const { getDb } = await import("./db/client");
    startFileSweeper(getDb());
  }
}
