// The Drizzle tables: the single source of truth for the database, the API types and the UI.
export * from "./posts";
export * from "./users";
