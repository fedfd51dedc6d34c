/**
 * The app's resources. Add a table in db/schema, a definition file here, and one line below: the API, `meta`,
 * and every type derived from them follow.
 */
import type { users } from "@/db/schema";
import { announcementsResource } from "./announcements";
import { backupsResource } from "./backups";
import { commentsResource } from "./comments";
import { postsResource } from "./posts";
import { projectsResource } from "./projects";
import { requestLogsResource } from "./request-logs";
import { tagsResource } from "./tags";
import { taskRunsResource } from "./task-runs";
import { usersResource } from "./users";
import { webhookDeliveriesResource, webhooksResource } from "./webhooks";

export const resources = {
  users: usersResource,
  posts: postsResource,
  comments: commentsResource,
  tags: tagsResource,
  announcements: announcementsResource,
  projects: projectsResource,
  taskRuns: taskRunsResource,
  webhooks: webhooksResource,
  webhookDeliveries: webhookDeliveriesResource,
  requestLogs: requestLogsResource,
  backups: backupsResource,
};

/** A signed-in user as rules see it: typed from the users table, loaded fresh on every request. */
export type AppUser = Pick<typeof users.$inferSelect, "id" | "name" | "email" | "role" | "emailVerifiedAt">;

declare module "@/server/core/registry" {
  interface Register {
    resources: typeof resources;
    user: AppUser;
  }
}
