/**
 * TOTP two-factor authentication (RFC 6238; docs/two-factor.md): enrolment, the sign-in check, recovery codes, the
 * admin's reset and the roles that must use it. Everything a page, an action or sign-in needs is exported here.
 */
export type { TwoFactorActor } from "./audit";
export type { TwoFactorDb } from "./db";
export {
  adminResetTwoFactor,
  beginEnrolment,
  cancelEnrolment,
  confirmEnrolment,
  disableTwoFactor,
  type Enrolment,
  pendingEnrolment,
  regenerateRecoveryCodes,
  TWO_FACTOR_MESSAGES,
  type TwoFactorAnswer,
  type TwoFactorProblem,
  type TwoFactorRefusal,
  type TwoFactorStatus,
  twoFactorStatus,
} from "./manage";
export { RECOVERY_CODE_COUNT } from "./recovery-codes";
export {
  ROLES,
  type Role,
  requiredTwoFactorRoles,
  type SetRolesAnswer,
  setRequiredTwoFactorRoles,
  twoFactorCoverage,
  twoFactorRequiredFor,
  twoFactorRequiredForUser,
} from "./settings";
export { MAX_CODE_INPUT, TOTP_DIGITS, TOTP_PERIOD_SECONDS } from "./totp";
export { verifySecondFactor } from "./verify";
