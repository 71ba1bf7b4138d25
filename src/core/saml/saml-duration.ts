/** The shortest and longest role session AssumeRoleWithSAML grants, in seconds. */
export const SAML_DURATION_LIMITS = { min: 900, max: 43_200 } as const;

/** What STS grants when a call names no duration, and what Keyless retries with when a role's MaxSessionDuration is shorter than asked. */
export const DEFAULT_SAML_DURATION_SECONDS = 3600;

/** The DurationSeconds to ask for: the assertion's SessionDuration within STS's limits, or none (STS's hour) without one. */
export function samlDurationSeconds(sessionDurationSeconds: number | undefined): number | undefined {
  if (sessionDurationSeconds === undefined) return undefined;
  return Math.min(SAML_DURATION_LIMITS.max, Math.max(SAML_DURATION_LIMITS.min, sessionDurationSeconds));
}
