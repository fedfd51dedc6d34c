import { and, isNotNull, isNull, type SQL } from "drizzle-orm";
import { taskRuns } from "@/db/schema";
import { defineResource, rule } from "@/server/core";
import { isAdmin } from "./policies";

const admins = rule("admins", ({ user }) => isAdmin(user));
/** Runs are the engine's record of work done: nobody writes them by hand, admins included. */
const theEngine = rule("the task engine only", () => false);

/**
 * Runs of the app's tasks (server/tasks): read-only here, for admins. The engine moves them through their states,
 * each change audited and live, so the admin's table and a run's history follow a task as it goes.
 */
export const taskRunsResource = defineResource("taskRuns", {
  table: taskRuns,
  label: { one: "Task run", many: "Task runs" },
  icon: "ListTodo",
  titleField: "task",
  fields: {
    task: { label: "Task", filterable: true, sortable: true, searchable: true },
    state: { label: "State", filterable: true, sortable: true },
    status: {
      label: "Status",
      filterable: true,
      sortable: true,
      tones: { running: "blue", waiting: "gray", succeeded: "green", failed: "red" },
    },
    input: { label: "Input" },
    data: { label: "Result so far" },
    lockKey: { label: "Lock key", filterable: true },
    error: { label: "Error" },
    stepStartedAt: { label: "Step started", sortable: true },
    alarmAt: { label: "Alarm", filterable: true, sortable: true },
    alarmAcknowledgedAt: { label: "Alarm seen", filterable: true },
    startedBy: { label: "Started by", filterable: true },
    createdAt: { label: "Started", sortable: true },
    updatedAt: { label: "Updated", sortable: true },
    finishedAt: { label: "Finished", sortable: true, filterable: true },
  },
  list: { defaultSort: ["-createdAt"] },
  actions: (action) => ({
    // The one change an admin makes to a run: saying its alarm has been seen (audited as them).
    acknowledge: action({
      record: true,
      bulk: true,
      label: "Acknowledge alarm",
      help: "Takes this failed run off the alarms on the dashboard. The run itself stays as it is.",
      access: {
        name: "admins, on runs with an open alarm",
        allow: ({ user }) =>
          isAdmin(user) ? (and(isNotNull(taskRuns.alarmAt), isNull(taskRuns.alarmAcknowledgedAt)) as SQL) : false,
      },
      successMessage: "Alarm acknowledged",
      run: ({ update }) => update({ alarmAcknowledgedAt: new Date() }),
    }),
  }),
  access: {
    list: admins,
    get: admins,
    create: theEngine,
    update: theEngine,
    delete: theEngine,
    restore: theEngine,
    purge: theEngine,
    revert: theEngine,
  },
});
