import { Button } from "@/components/ui/button";

/** The user's choice to be mailed when a browser they have not used before signs in to their account. */
export function SignInAlertsForm({
  enabled,
  action,
}: {
  enabled: boolean;
  action: (formData: FormData) => Promise<void>;
}) {
  return (
    <form action={action} aria-label="Sign-in alerts" className="flex flex-wrap items-center gap-3 text-sm">
      <label className="flex items-center gap-2">
        <input
          type="checkbox"
          name="signInAlerts"
          defaultChecked={enabled}
          className="size-4 rounded border-zinc-300 accent-indigo-600 dark:border-zinc-700"
        />
        Email me when my account signs in from a new browser
      </label>
      <Button type="submit" variant="outline" size="sm">
        Save
      </Button>
    </form>
  );
}
