const dateTime = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });

export function formatDate(date: Date | null, none: string): string {
  return date ? dateTime.format(date) : none;
}
