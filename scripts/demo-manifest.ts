/**
 * The demo blog, listed: every file `npm run demo:remove` deletes, the few shared files it edits, and the patterns
 * that mark code as demo code. scripts/demo-manifest.test.ts fails when a file matches a pattern and is in none of
 * these lists, so whoever adds to the demo adds here too (or says in `keep` why the mention is harmless).
 */

export interface ManifestEdit {
  file: string;
  /** Exact text that must occur exactly once in the file. */
  find: string;
  replace: string;
}

export interface DemoManifest {
  /** The demo's resource names (registry keys): their tRPC paths and admin URLs are demo code. */
  resources: readonly string[];
  /** SQL tables and types of the demo: hand-written migration SQL that mentions one goes with the demo. */
  sqlNames: readonly string[];
  /** Files and folders deleted whole. */
  remove: readonly string[];
  /** Files replaced whole by a file kept here (the version of the file without the demo). */
  replace: readonly { file: string; with: string }[];
  /** Small edits to files the app keeps. */
  edits: readonly ManifestEdit[];
  /** Files that mention a demo name but do not depend on the demo (plain strings in unit-test fixtures). */
  keep: readonly { file: string; why: string }[];
}

const RESOURCES = ["posts", "comments", "tags", "announcements", "projects"] as const;

/** A removal of one line, with its newline. */
const dropLine = (file: string, line: string): ManifestEdit => ({ file, find: `${line}\n`, replace: "" });

export const demoManifest: DemoManifest = {
  resources: RESOURCES,
  sqlNames: [...RESOURCES, "post_tags", "post_status", "announcement_tone", "project_status"],
  remove: [
    // Tables and definitions.
    "db/schema/announcements.ts",
    "db/schema/comments.ts",
    "db/schema/posts.ts",
    "db/schema/projects.ts",
    "db/schema/tags.ts",
    "db/seed-files.ts",
    "db/seed-files.test.ts",
    "db/slug.ts",
    "db/slug.test.ts",
    "server/resources/announcements.ts",
    "server/resources/comments.ts",
    "server/resources/post-slug.ts",
    "server/resources/posts.ts",
    "server/resources/posts.test.ts",
    "server/resources/posts-actions.test.ts",
    "server/resources/actions.test-d.ts",
    "server/resources/projects.ts",
    "server/resources/projects.test.ts",
    "server/resources/tags.ts",
    // The blog's pages and components, and the developer showcases built on its resources.
    "app/(site)/posts",
    "components/posts",
    "app/(site)/dev/forms",
    "app/dev/tables",
    // The weekly digest: a demo job (and its schedule) over posts, tags and announcements.
    "server/jobs/weekly-digest.ts",
    "server/jobs/weekly-digest.test.ts",
    // The recount task: a demo task over posts, comments and users.
    "server/tasks/recount-posts.ts",
    "server/tasks/recount-posts.test.ts",
    // startAppJobs over the app's jobs, proven with the demo's task.
    "server/jobs/start.test.ts",
    // Benchmarks: they measure the demo blog.
    "bench",
    "server/bench",
    "app/api/bench",
    // Engine and HTTP tests that exercise the engine through the demo's resources (they stay in the template).
    "app/api/files/files-http.test.ts",
    "app/api/trpc/[trpc]/authorization.test.ts",
    "app/api/trpc/[trpc]/authorization-matrix.ts",
    "app/api/trpc/[trpc]/authorization-rest.test.ts",
    "app/api/trpc/[trpc]/authorization-pocketbase.test.ts",
    "app/api/trpc/[trpc]/actions-authorization.test.ts",
    "app/api/trpc/[trpc]/ended-sessions.test.ts",
    "app/api/trpc/[trpc]/fuzz",
    // Operations tests that drive the demo's resources (issue 18): export, import, backups, the request log, metrics.
    "app/api/export/export-http.test.ts",
    "app/api/metrics/route.test.ts",
    "server/core/export/keyset.test.ts",
    "server/ops/backup/backup.test.ts",
    "server/ops/backup/backups-admin.test.ts",
    "server/ops/csv/import.test.ts",
    "server/ops/logging/logs-http.test.ts",
    "server/ops/metrics/router.test.ts",
    // The REST API's HTTP tests and its OpenAPI document's tests drive the demo's resources (issue 19).
    "server/http/rest/rest-http.test.ts",
    "server/core/rest/openapi.test.ts",
    "server/http/rest/openapi-client.test.ts",
    "server/http/pocketbase/records.test.ts",
    "server/http/pocketbase/files.test.ts",
    "server/http/pocketbase/batch.test.ts",
    "server/http/pocketbase/realtime.test.ts",
    "server/http/rest/testing/openapi-paths.generated.ts",
    "app/api/trpc/[trpc]/fuzz.test.ts",
    "app/api/trpc/[trpc]/hostile-input.test.ts",
    "app/api/trpc/[trpc]/idempotency.test.ts",
    "app/api/trpc/[trpc]/live-isolation.test.ts",
    "app/api/trpc/[trpc]/live.test.ts",
    "app/api/trpc/[trpc]/replay-pacing.test.ts",
    "app/api/trpc/[trpc]/route.test.ts",
    "app/api/trpc/[trpc]/stream-refusals.test.ts",
    "components/form/form-fields.test.ts",
    "components/form/form-validation.test.ts",
    "components/form/types.test-d.ts",
    "components/trpc/links.test.ts",
    "server/core/audit.test.ts",
    "server/core/conflict-http.test.ts",
    "server/core/db-errors.test.ts",
    "server/core/definition-checks.test-d.ts",
    "server/core/definition-checks.test.ts",
    "server/core/expand.test.ts",
    "server/core/field-types.test-d.ts",
    "server/core/files/files.test.ts",
    "server/core/files/uploadthing.test.ts",
    "server/core/form-schema.test.ts",
    "server/core/history-links.test.ts",
    "server/core/hooks.test.ts",
    "server/core/icons.test.ts",
    "server/core/idempotency/run.test.ts",
    "server/core/links-meta.test.ts",
    "server/core/list.test.ts",
    "server/core/list-totals.test.ts",
    "server/core/list-totals.test-d.ts",
    // The plans of the blog's list queries on 100k posts, and the indexes of its posts table (issue 20).
    "db/list-plans.test.ts",
    "server/core/recorded-rows.test.ts",
    "server/core/realtime/activity.test.ts",
    "server/core/realtime/byte-budgets.test.ts",
    "server/core/realtime/failed-evaluation.test.ts",
    "server/core/realtime/fanout.test.ts",
    "server/core/realtime/live.test.ts",
    "server/core/realtime/ordering.test.ts",
    "server/core/realtime/resume.test.ts",
    "server/core/realtime/retention.test.ts",
    "server/core/text-limits.test.ts",
    "server/core/types.test-d.ts",
    "server/core/write.test.ts",
    "server/http/gate.test.ts",
    "server/http/rate-limit-cost.test.ts",
    "server/http/rate-limit.test.ts",
    "server/resilience",
    "server/resources/users.test.ts",
    // Browser tests of the blog, and of the admin and forms through the blog's resources.
    "e2e/actions.spec.ts",
    "e2e/admin-layout.spec.ts",
    "e2e/admin.spec.ts",
    "e2e/api-docs.spec.ts",
    "e2e/estimated-totals.spec.ts",
    "e2e/files.spec.ts",
    "e2e/pocketbase-sdk.spec.ts",
    "e2e/form-messages.spec.ts",
    "e2e/form-submit.spec.ts",
    "e2e/history.spec.ts",
    "e2e/home.spec.ts",
    "e2e/hostile-urls.spec.ts",
    "e2e/idempotency.spec.ts",
    "e2e/live-instances.spec.ts",
    "e2e/live.spec.ts",
    "e2e/origin.spec.ts",
    "e2e/projects-types.spec.ts",
    "e2e/outage.spec.ts",
    "e2e/resource-form.spec.ts",
    "e2e/resource-table.spec.ts",
    "e2e/security-headers.spec.ts",
    "e2e/site-chrome.spec.ts",
    "e2e/text-limits.spec.ts",
    "e2e/url-theme-combobox.spec.ts",
    "e2e/jobs.spec.ts",
    "e2e/tasks.spec.ts",
    "e2e/operations-csv.spec.ts",
    "e2e/operations-logs.spec.ts",
    // This removal itself: with the demo gone it has nothing left to do.
    "scripts/demo-manifest.ts",
    "scripts/demo-manifest.test.ts",
    "scripts/demo-remove.ts",
    "scripts/demo-remove",
    "scripts/demo-remove-project.test.ts",
    "scripts/demo-remove.test.ts",
  ],
  replace: [
    { file: "db/seed.ts", with: "scripts/demo-remove/after/seed.ts" },
    { file: "db/seed.test.ts", with: "scripts/demo-remove/after/seed.test.template.ts" },
    { file: "app/(site)/page.tsx", with: "scripts/demo-remove/after/home-page.tsx" },
  ],
  edits: [
    {
      file: "scripts/launch.ts",
      find: `        const seeded = await seedDemoData(handle.db, Date.now(), { uploadsDir: path.join(dataDir, "uploads") });`,
      replace: "        const seeded = await seedDemoData(handle.db);",
    },
    dropLine("db/schema/index.ts", 'export * from "./announcements";'),
    dropLine("db/schema/index.ts", 'export * from "./comments";'),
    dropLine("db/schema/index.ts", 'export * from "./posts";'),
    dropLine("db/schema/index.ts", 'export * from "./projects";'),
    dropLine("db/schema/index.ts", 'export * from "./tags";'),
    dropLine("server/resources/index.ts", 'import { announcementsResource } from "./announcements";'),
    dropLine("server/resources/index.ts", 'import { commentsResource } from "./comments";'),
    dropLine("server/resources/index.ts", 'import { postsResource } from "./posts";'),
    dropLine("server/resources/index.ts", 'import { projectsResource } from "./projects";'),
    dropLine("server/resources/index.ts", 'import { tagsResource } from "./tags";'),
    dropLine("server/resources/index.ts", "  posts: postsResource,"),
    dropLine("server/resources/index.ts", "  comments: commentsResource,"),
    dropLine("server/resources/index.ts", "  tags: tagsResource,"),
    dropLine("server/resources/index.ts", "  announcements: announcementsResource,"),
    dropLine("server/resources/index.ts", "  projects: projectsResource,"),
    {
      file: "server/resources/users.ts",
      find: `  relations: {
    posts: hasMany("posts", { foreignKey: "authorId", limit: 20 }),
    postCount: hasCount("posts", { foreignKey: "authorId" }),
  },
`,
      replace: "",
    },
    {
      file: "server/resources/users.ts",
      find: `import {
  anyone,
  defineResource,
  type FieldReadRule,
  file,
  hasCount,
  hasMany,
  keepAtLeastOne,
  type User,
} from "@/server/core";`,
      replace:
        'import { anyone, defineResource, type FieldReadRule, file, keepAtLeastOne, type User } from "@/server/core";',
    },
    dropLine("package.json", '    "bench:list": "tsx bench/list.ts",'),
    dropLine("package.json", '    "bench:write": "tsx --conditions=react-server bench/write.ts",'),
    dropLine("package.json", '    "bench:bundle": "tsx bench/bundle.ts",'),
    dropLine("package.json", '    "bench:live": "tsx bench/live.ts",'),
    dropLine("package.json", '    "bench:soak": "tsx bench/soak.ts",'),
    dropLine("package.json", '    "bench:jobs": "tsx bench/jobs.ts",'),
    dropLine("server/jobs/index.ts", 'import { weeklyDigest, weeklyDigestSchedule } from "./weekly-digest";'),
    {
      file: "server/jobs/index.ts",
      find: "\n// The demo blog's weekly digest (server/jobs/weekly-digest.ts); `npm run demo:remove` drops these lines.\n",
      replace: "",
    },
    dropLine("server/jobs/index.ts", "jobs.push(weeklyDigest);"),
    dropLine("server/jobs/index.ts", "schedules.push(weeklyDigestSchedule);"),
    {
      file: "server/tasks/index.ts",
      find: `import { type ScheduleDefinition, schedule } from "@/server/core/jobs/define";`,
      replace: `import type { ScheduleDefinition } from "@/server/core/jobs/define";`,
    },
    dropLine("server/tasks/index.ts", 'import { recountPosts } from "./recount-posts";'),
    {
      file: "server/tasks/index.ts",
      find: "\n// The demo blog's task (server/tasks/recount-posts.ts); `npm run demo:remove` drops these lines.\ntasks.push(recountPosts);\n",
      replace: "",
    },
    {
      file: "server/tasks/index.ts",
      find: '\n// Nightly, besides runs started by hand from the admin; `npm run demo:remove` drops this line too.\ntaskSchedules.push(schedule("0 3 * * *", taskRunner.startJob(recountPosts), { reason: "nightly" }));\n',
      replace: "",
    },
    dropLine("package.json", '    "demo:remove": "tsx scripts/demo-remove.ts",'),
  ],
  keep: [
    { file: "components/files/file-url.test.ts", why: "a resource name in a pure URL builder's fixtures" },
    { file: "components/form/form-values.test.ts", why: 'a form spec fixture named "tags"; no resource behind it' },
    { file: "components/form/record-href.test.ts", why: "URL strings in a pure function's fixtures" },
    { file: "scripts/gen-resource.test.ts", why: "names of a pretend project, given to pure functions" },
    { file: "server/core/import/cells.test.ts", why: "a pretend column named tags, given to pure cell converters" },
    { file: "server/ops/backup/format.test.ts", why: "a table name in a pretend manifest" },
    { file: "server/ops/metrics/labels.test.ts", why: "procedure names given to the label bounds as plain strings" },
    { file: "server/ops/metrics/sampler.test.ts", why: "a procedure name in a pretend finished request" },
    { file: "server/ops/logging/request-log-writer.test.ts", why: "a procedure name in a pretend finished request" },
    { file: "server/core/pocketbase/filter.arbitraries.ts", why: "a made-up list field named tags, no demo table" },
  ],
};

/**
 * What marks code as the demo's (checked with comments stripped): imports of its tables, definitions and
 * components, its resources' tRPC paths and `resource="..."` props, and its pages' URLs.
 */
export function demoMarkers(resources: readonly string[] = RESOURCES): RegExp[] {
  const names = resources.join("|");
  return [
    new RegExp(`@/db/schema/(?:${names})\\b`),
    new RegExp(`\\b(?:${names})Resource\\b`),
    /\b(?:postTags|postStatus|announcementTone|projectStatus)\b/,
    new RegExp(`\\btrpc\\.(?:${names})\\b`),
    new RegExp(`\\bresource[=:]\\s*["'](?:${names})["']`),
    new RegExp(
      `(?<![\\w-])(?:${names})\\.(?:meta|list|get|create|update|delete|createMany|updateMany|deleteMany|restore|restoreMany|purge|history|revert|onChange)\\b`,
    ),
    new RegExp(`["'\`]/(?:posts|admin/(?:${names}))\\b`),
    /components\/posts\//,
    new RegExp(`import\\s*\\{[^}]*\\b(?:${names})\\b[^}]*\\}\\s*from\\s*["'][^"']*schema["']`),
    // A demo resource named where code takes a resource: meta("posts"), belongsTo("posts"), resources.posts.
    new RegExp(`\\(\\s*["'](?:${names})["']`),
    new RegExp(`\\bresources\\.(?:${names})\\b`),
  ];
}

/** Source without comments, so a doc comment's example ("trpc.posts.list") is not taken for a dependency. */
export function stripComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`\\])\/\/.*$/gm, "$1");
}
