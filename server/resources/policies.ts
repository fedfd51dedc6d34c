/**
 * Who is who in the demo blog, shared by the resource rules. Plain functions of the signed-in user (typed from the
 * users table), so every rule reads as a sentence.
 */
import { rule, type User } from "@/server/core";

export const isAdmin = (user: User | null) => user?.role === "admin";

/** Editors and admins see and edit every post. */
export const isStaff = (user: User | null) => user?.role === "admin" || user?.role === "editor";

export const adminsSet = rule("admins only", ({ user }) => isAdmin(user));
