import type { Metadata } from "next";
import { TaskAlarmsNotice } from "@/components/admin/tasks/task-alarms-notice";
import ResourceListPage from "../[resource]/page";

export const metadata: Metadata = { title: "Task runs" };

/** The generated list of task runs, with the open alarms above it (docs/tasks.md). */
export default function TaskRunsPage() {
  return (
    <div className="space-y-6">
      <TaskAlarmsNotice />
      <ResourceListPage params={Promise.resolve({ resource: "taskRuns" })} />
    </div>
  );
}
