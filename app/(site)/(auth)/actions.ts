"use server";
/**
 * The server actions of the sign-in, sign-up and sign-out forms. Checks live in server/auth (the Credentials
 * provider enforces the rate limit and the blocked flag); these turn outcomes into form states and redirects.
 */
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { CredentialsSignin } from "next-auth";
import type { AuthFormState } from "@/components/auth/form-state";
import { getDb } from "@/db/client";
import { signIn, signOut } from "@/server/auth";
import { safeCallbackUrl } from "@/server/auth/callback-url";
import { clientIp } from "@/server/auth/client-ip";
import { tooManyAttempts } from "@/server/auth/errors";
import { signUpRules } from "@/server/auth/limits";
import { credentialsFailureMessage } from "@/server/auth/messages";
import { oauthProviders } from "@/server/auth/oauth";
import { hitRateLimits } from "@/server/auth/rate-limit";
import { signUp } from "@/server/auth/register";
import { stepAfterSignIn } from "@/server/auth/session-account";
import { signUpSchema } from "@/server/auth/sign-up";

const text = (formData: FormData, key: string) => {
  const value = formData.get(key);
  return typeof value === "string" ? value : "";
};

export async function signInAction(_previous: AuthFormState, formData: FormData): Promise<AuthFormState> {
  const email = text(formData, "email").trim();
  const password = text(formData, "password");
  const values = { email };
  const fieldErrors: AuthFormState["fieldErrors"] = {};
  if (!email) fieldErrors.email = "Enter your email.";
  if (!password) fieldErrors.password = "Enter your password.";
  if (Object.keys(fieldErrors).length > 0) return { fieldErrors, values };

  try {
    await signIn("credentials", { email, password, redirect: false });
  } catch (error) {
    if (error instanceof CredentialsSignin) return { formError: credentialsFailureMessage(error), values };
    throw error;
  }
  const callbackUrl = safeCallbackUrl(formData.get("callbackUrl"));
  // The second factor, a temporary password to replace, or two-factor to set up comes first.
  redirect((await stepAfterSignIn(email, callbackUrl)) ?? callbackUrl);
}

export async function signUpAction(_previous: AuthFormState, formData: FormData): Promise<AuthFormState> {
  const values = { name: text(formData, "name"), email: text(formData, "email") };
  const parsed = signUpSchema.safeParse({
    ...values,
    password: text(formData, "password"),
    confirmPassword: text(formData, "confirmPassword"),
  });
  if (!parsed.success) {
    const fieldErrors: AuthFormState["fieldErrors"] = {};
    for (const issue of parsed.error.issues) {
      const key = issue.path[0];
      if ((key === "name" || key === "email" || key === "password" || key === "confirmPassword") && !fieldErrors[key]) {
        fieldErrors[key] = issue.message;
      }
    }
    return { fieldErrors, values };
  }

  const db = getDb();
  // Counted once the form is valid, before the password is hashed: the hash is the cost worth protecting.
  const limited = await hitRateLimits(db, signUpRules(clientIp(await headers())));
  if (!limited.allowed) return { formError: tooManyAttempts(limited.retryAfter), values };
  // The same answer whether the address was free or not (server/auth/sign-up.ts): the mail says which it was.
  await signUp(db, parsed.data);
  redirect("/check-inbox?for=sign-up");
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/" });
}

/** Starts an OAuth sign-in; Auth.js redirects to the provider. Only providers this deployment configured. */
export async function oauthSignInAction(formData: FormData): Promise<void> {
  const provider = oauthProviders().find((p) => p.id === formData.get("provider"));
  if (!provider) redirect("/sign-in");
  await signIn(provider.id, { redirectTo: safeCallbackUrl(formData.get("callbackUrl")) });
}
