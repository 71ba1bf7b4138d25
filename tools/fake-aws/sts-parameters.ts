import { stsError } from './errors.js';

/** A string parameter's model constraints (lengths and the characters allowed). */
export interface StringRule {
  min: number;
  max: number;
  pattern?: RegExp;
}

/** The model's session name rule, shared by RoleSessionName and the SAML attribute. */
export const SESSION_NAME: StringRule = { min: 2, max: 64, pattern: /^[\w+=,.@-]*$/ };

// Field names in messages are the model's member names in camelCase, as AWS writes them.
const memberName = (parameter: string) => parameter[0]!.toLowerCase() + parameter.slice(1);

function invalid(parameter: string, value: string | null, constraint: string): Error {
  const shown = value === null ? 'null' : `'${value}'`;
  return stsError('ValidationError', `1 validation error detected: Value ${shown} at '${memberName(parameter)}' failed to satisfy constraint: ${constraint}`);
}

/** Reads a required string parameter, refusing it as STS does when missing or outside its constraints. */
export function requiredParameter(params: URLSearchParams, parameter: string, rule: StringRule): string {
  const value = params.get(parameter);
  if (value === null) throw invalid(parameter, null, 'Member must not be null');
  return checked(parameter, value, rule);
}

/** Reads an optional string parameter with the same checks. */
export function optionalParameter(params: URLSearchParams, parameter: string, rule: StringRule): string | undefined {
  const value = params.get(parameter);
  return value === null ? undefined : checked(parameter, value, rule);
}

/** Reads DurationSeconds: the default when absent, else a whole number within the model's range. */
export function durationParameter(params: URLSearchParams, range: { min: number; max: number; fallback: number }): number {
  const text = params.get('DurationSeconds');
  if (text === null) return range.fallback;
  const seconds = Number(text);
  if (!Number.isInteger(seconds)) throw invalid('DurationSeconds', text, 'Member must be a whole number');
  if (seconds < range.min) throw invalid('DurationSeconds', text, `Member must have value greater than or equal to ${range.min}`);
  if (seconds > range.max) throw invalid('DurationSeconds', text, `Member must have value less than or equal to ${range.max}`);
  return seconds;
}

/** Checks an optional session policy is a JSON document, as STS does before anything else with it. */
export function checkPolicy(params: URLSearchParams): void {
  const policy = params.get('Policy');
  if (policy === null) return;
  try {
    JSON.parse(policy);
  } catch {
    throw stsError('MalformedPolicyDocument', 'The policy is not in the valid JSON format.');
  }
}

function checked(parameter: string, value: string, rule: StringRule): string {
  if (value.length < rule.min) throw invalid(parameter, value, `Member must have length greater than or equal to ${rule.min}`);
  if (value.length > rule.max) throw invalid(parameter, value, `Member must have length less than or equal to ${rule.max}`);
  if (rule.pattern && !rule.pattern.test(value))
    throw invalid(parameter, value, `Member must satisfy regular expression pattern: ${rule.pattern.source.slice(1, -1)}`);
  return value;
}
