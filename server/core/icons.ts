/**
 * The icons a resource may name for generated UIs (admin sidebar, dashboard, page titles, command palette): lucide-react
 * component names. A closed list rather than all of lucide's 1,600 names, so a UI can import exactly these and render
 * them without loading icons lazily; components/admin/resource-icon.tsx maps every name here to its component, and
 * fails to compile if one is missing. Add a name here and there to offer another icon.
 */
export const RESOURCE_ICONS = [
  "Activity",
  "Archive",
  "Bell",
  "Book",
  "BookOpen",
  "Bookmark",
  "Box",
  "Briefcase",
  "Building",
  "Calendar",
  "ChartBar",
  "CircleCheck",
  "Clock",
  "CreditCard",
  "Database",
  "File",
  "FileText",
  "Flag",
  "Folder",
  "FolderKanban",
  "Globe",
  "Image",
  "Inbox",
  "Key",
  "Layers",
  "Link",
  "ListTodo",
  "Lock",
  "Mail",
  "MapPin",
  "Megaphone",
  "MessageSquare",
  "Newspaper",
  "Package",
  "Receipt",
  "Settings",
  "Shield",
  "ShoppingCart",
  "Star",
  "Store",
  "Table",
  "Tag",
  "Ticket",
  "Truck",
  "User",
  "Users",
  "Wallet",
  "Webhook",
] as const;

export type ResourceIconName = (typeof RESOURCE_ICONS)[number];

/** Words in a resource's name and the icon they suggest, tried in order; the first match wins. */
const BY_NAME: ReadonlyArray<readonly [RegExp, ResourceIconName]> = [
  [/user|account|member|people|person|customer|author|staff|team/, "Users"],
  [/comment|message|repl|chat|review|feedback/, "MessageSquare"],
  [/tag|label|categor|topic/, "Tag"],
  [/announce|campaign|broadcast/, "Megaphone"],
  [/notif|alert/, "Bell"],
  [/post|blog|article|page|doc|note|content|entr/, "FileText"],
  [/news/, "Newspaper"],
  [/project|board/, "FolderKanban"],
  [/task|todo|issue/, "ListTodo"],
  [/order|cart|checkout/, "ShoppingCart"],
  [/product|item|inventor|stock/, "Package"],
  [/invoice|receipt|bill/, "Receipt"],
  [/payment|transaction|subscription|plan/, "CreditCard"],
  [/event|booking|appointment|schedule|calendar/, "Calendar"],
  [/image|photo|media|asset|upload|file|attachment/, "Image"],
  [/email|mail|newsletter/, "Mail"],
  [/compan|organi|tenant|workspace/, "Building"],
  [/shop|store|vendor|merchant/, "Store"],
  [/location|place|address|region/, "MapPin"],
  [/shipment|delivery|shipping/, "Truck"],
  [/ticket|support/, "Ticket"],
  [/token|key|secret|credential/, "Key"],
  [/role|permission|polic/, "Shield"],
  [/setting|config|preference/, "Settings"],
  [/webhook/, "Webhook"],
  [/^log|logs$|audit|history|activit/, "Activity"],
  [/book|course|lesson/, "BookOpen"],
];

/** The icon for a resource that names none: guessed from its name (`users` → Users), else a generic table. */
export function defaultResourceIcon(name: string): ResourceIconName {
  const lower = name.toLowerCase();
  return BY_NAME.find(([pattern]) => pattern.test(lower))?.[1] ?? "Database";
}
