/**
 * Writers often start a post's body with its title as a `# Heading`, and the page already shows the title above the
 * body: drop that first heading when it says the same as the title, so the page shows it once. Any other first
 * heading stays.
 */
export function withoutLeadingTitle(body: string, title: string): string {
  const match = /^\s*#[ \t]+(.+?)[ \t#]*(?:\r?\n|$)/.exec(body);
  if (!match) return body;
  const same = (text: string) => text.replace(/[*_`]/g, "").replace(/\s+/g, " ").trim().toLowerCase();
  return same(match[1] ?? "") === same(title) ? body.slice(match[0].length).replace(/^\s*\n/, "") : body;
}
