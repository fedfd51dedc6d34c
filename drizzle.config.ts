import { defineConfig } from "drizzle-kit";

// drizzle-kit only diffs the schema into SQL files here; migrations are applied by db/migrate.ts at start-up.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
  strict: true,
  verbose: true,
});
