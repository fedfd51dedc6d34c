import { and, eq, isNotNull } from "drizzle-orm";
import { users } from "@/db/schema";
import { RESET_LINK_MINUTES } from "@/server/auth/password-reset";
import { revokeSessions } from "@/server/auth/sessions";
import { adminResetTwoFactor } from "@/server/auth/two-factor";
import {
  anyone,
  defineResource,
  type FieldReadRule,
  file,
  hasCount,
  hasMany,
  keepAtLeastOne,
  type User,
} from "@/server/core";
import { passwordResetJob } from "@/server/jobs/password-reset";
import { adminsSet, isAdmin } from "./policies";

/** A user's own private fields (email, blocked) are readable by them and by admins. */
const selfOrAdmins: FieldReadRule<{ id?: string }> = {
  name: "the user themself, or admins",
  allow: ({ user, row }: { user: User | null; row: { id?: string } }) =>
    isAdmin(user) || (!!user && user.id === row.id),
  // Admins read these fields on every row, so they (and only they) may filter users by them: "blocked users".
  everyRow: ({ user }) => isAdmin(user),
};

export const LAST_ADMIN_MESSAGE = "At least one active admin must remain: promote another user first";

/**
 * Nobody (not even the last admin themself, a batch, or a revert) may leave the app without an active admin:
 * recovering from that would need `npm run admin:reset` on the server.
 */
const keepAnActiveAdmin = keepAtLeastOne({
  lock: "atrium:users:active-admin",
  table: users,
  key: "id",
  where: and(eq(users.role, "admin"), eq(users.blocked, false)),
  counts: (user) => user.role === "admin" && !user.blocked,
  message: LAST_ADMIN_MESSAGE,
  fields: ["role", "blocked"],
});

export const usersResource = defineResource("users", {
  table: users,
  label: { one: "User", many: "Users" },
  icon: "Users",
  titleField: "name",
  fields: {
    name: {
      label: "Name",
      rules: { minLength: 1, maxLength: 100 },
      filterable: true,
      sortable: true,
      searchable: true,
    },
    email: {
      label: "Email",
      widget: "email",
      rules: { format: "email", maxLength: 254 },
      access: { read: selfOrAdmins, write: adminsSet },
    },
    role: { label: "Role", filterable: true, sortable: true, access: { write: adminsSet } },
    bio: { label: "Bio", widget: "textarea", rules: { maxLength: 2000 } },
    // Public like the name: shown in the site header, by comments and in the admin's users table.
    avatar: { label: "Avatar", ...file({ accept: ["image/*"], maxSize: "5MB", thumbs: ["64x64", "256x256"] }) },
    blocked: { label: "Blocked", filterable: true, access: { read: selfOrAdmins, write: adminsSet } },
    // Never leaves the database through the API; server/auth reads and writes it directly.
    passwordHash: { hidden: true },
    // Set and cleared only by server/auth/password-reset.ts; admins (and the user) see it on the record.
    passwordChangeRequired: {
      label: "Must change password",
      creatable: false,
      updatable: false,
      access: { read: selfOrAdmins },
    },
    // Set by verification (server/auth); shown, never edited through the API.
    emailVerifiedAt: {
      label: "Email verified",
      creatable: false,
      updatable: false,
      access: { read: selfOrAdmins },
    },
    // Two-factor state is written only by server/auth/two-factor: the sealed secret and the last accepted step never
    // leave the database; when it was turned on is the user's and admins' to see.
    twoFactorSecret: { hidden: true },
    twoFactorLastStep: { hidden: true },
    twoFactorEnabledAt: {
      label: "Two-factor since",
      creatable: false,
      updatable: false,
      access: { read: selfOrAdmins },
    },
    // The user's own choice (the update rule lets only them and admins write it).
    signInAlerts: { label: "Sign-in alerts", access: { read: selfOrAdmins } },
    createdAt: { label: "Joined", sortable: true, filterable: true },
    updatedAt: { label: "Updated", sortable: true },
  },
  relations: {
    posts: hasMany("posts", { foreignKey: "authorId", limit: 20 }),
    postCount: hasCount("posts", { foreignKey: "authorId" }),
  },
  list: { defaultSort: ["name"], maxPerPage: 100 },
  hooks: keepAnActiveAdmin,
  actions: (action) => ({
    // The link is issued and "sent" by a job (server/jobs/password-reset.ts), queued in this action's transaction.
    sendPasswordReset: action({
      record: true,
      help: "Sends the user a single-use link to choose a new password. Their password keeps working until then.",
      confirm: {
        title: "Send a password reset link?",
        description: `A link valid for ${RESET_LINK_MINUTES} minutes goes to the user's email address; it replaces any earlier link.`,
        confirmLabel: "Send link",
      },
      access: adminsSet,
      successMessage: "Password reset link on its way",
      run: async ({ record, user, actor, enqueue }) => {
        // Who asked, for the user's history: the admin, or a script or job (system callers pass every rule).
        const requestedBy = user
          ? { id: user.id, name: user.name }
          : { id: null, name: actor.kind === "system" ? actor.reason : "anonymous" };
        const jobId = await enqueue(passwordResetJob, { userId: record.id, requestedBy });
        // null: a link for this user is already on its way (the job's singleton key).
        return { queued: jobId !== null };
      },
    }),
    // A stolen laptop or a leaked cookie reported to an admin: every session of the user ends on its next request.
    signOutEverywhere: action({
      record: true,
      label: "Sign out everywhere",
      help: "Ends every session of this user, in every browser; their password and API tokens keep working.",
      confirm: {
        title: "Sign this user out everywhere?",
        description: "Every browser signed in to this account is signed out on its next request.",
        confirmLabel: "Sign out everywhere",
      },
      access: adminsSet,
      successMessage: "Signed out everywhere",
      run: async ({ record, tx }) => ({ ended: await revokeSessions(tx, record.id, "revoked by an admin") }),
    }),
    // For a user who lost both their authenticator and their recovery codes; only offered while two-factor is on.
    resetTwoFactor: action({
      record: true,
      label: "Reset two-factor",
      help: "Turns the user's two-factor authentication off and deletes their recovery codes, so they can sign in with their password alone and set it up again.",
      confirm: {
        title: "Reset two-factor authentication?",
        description:
          "Only do this once you are sure who is asking: their account is then protected by their password alone until they set it up again.",
        confirmLabel: "Reset two-factor",
        destructive: true,
      },
      access: {
        name: "admins, on users with two-factor on",
        allow: ({ user }) => (isAdmin(user) ? isNotNull(users.twoFactorEnabledAt) : false),
      },
      successMessage: "Two-factor authentication reset",
      run: async ({ record, user, actor, tx }) => {
        const by = user
          ? { id: user.id, name: user.name }
          : { id: null, name: actor.kind === "system" ? actor.reason : "anonymous" };
        return { reset: await adminResetTwoFactor(tx, record.id, by) };
      },
    }),
  }),
  access: {
    // Names, bios and roles are public; the field rules above hide emails and the blocked flag from others.
    list: anyone,
    get: anyone,
    // create and delete have no rule: admins only (sign-up goes through server/auth, not this API).
    update: {
      name: "yourself, or admins",
      allow: ({ user }) => isAdmin(user) || (user ? eq(users.id, user.id) : false),
    },
  },
});
