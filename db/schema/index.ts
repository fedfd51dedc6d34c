// The Drizzle tables: the single source of truth for the database, the API types and the UI.
export * from "./accounts";
export * from "./announcements";
export * from "./audit";
export * from "./auth";
export * from "./comments";
export * from "./files";
export * from "./idempotency";
export * from "./live";
export * from "./operations";
export * from "./posts";
export * from "./projects";
export * from "./realtime";
export * from "./tags";
export * from "./tasks";
export * from "./users";
export * from "./webhooks";
