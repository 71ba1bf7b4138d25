import { deflateRawSync } from 'node:zlib';
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

const POLICY = { min: 1, max: 2048 };
/** The fake's stand-in for AWS's unpublished packed limit: the session policy and tags, deflated, may take this many bytes. */
const PACKED_LIMIT_BYTES = 450;

/**
 * Checks the optional session policy (its length, that it is JSON) and packs it with the session tags as STS does, refusing what does
 * not fit; gives PackedPolicySize, the share of the packed limit used, when there is a policy or tags.
 */
export function packedPolicySize(params: URLSearchParams): number | undefined {
  const policy = optionalParameter(params, 'Policy', POLICY);
  if (policy !== undefined) {
    try {
      JSON.parse(policy);
    } catch {
      throw stsError('MalformedPolicyDocument', 'The policy is not in the valid JSON format.');
    }
  }
  const tags = [...params.entries()].filter(([name]) => /^Tags\.member\.\d+\.(Key|Value)$/.test(name)).map(([, value]) => value);
  if (policy === undefined && tags.length === 0) return undefined;
  const percent = Math.ceil((100 * deflateRawSync([policy ?? '', ...tags].join('\0')).length) / PACKED_LIMIT_BYTES);
  if (percent > 100) {
    throw stsError('PackedPolicyTooLarge', `Packed policy consumes ${percent}% of allotted space, please use smaller policy for the assumed role.`);
  }
  return percent;
}

function checked(parameter: string, value: string, rule: StringRule): string {
  if (value.length < rule.min) throw invalid(parameter, value, `Member must have length greater than or equal to ${rule.min}`);
  if (value.length > rule.max) throw invalid(parameter, value, `Member must have length less than or equal to ${rule.max}`);
  if (rule.pattern && !rule.pattern.test(value))
    throw invalid(parameter, value, `Member must satisfy regular expression pattern: ${rule.pattern.source.slice(1, -1)}`);
  return value;
}
