import { type FakeAwsError, oidcError, portalError } from './errors.js';

type Service = 'oidc' | 'portal';

function missing(service: Service, field: string): FakeAwsError {
  const description = `${field} is required`;
  return service === 'oidc' ? oidcError('InvalidRequestException', description) : portalError('InvalidRequestException', description);
}

/** Reads a required, non-empty string field from a JSON body or query, or throws the service's InvalidRequestException. */
export function requiredString(service: Service, source: unknown, field: string): string {
  const value = optionalString(service, source, field);
  if (value === undefined || value === '') throw missing(service, field);
  return value;
}

/** Reads an optional string field; a value of another type is an InvalidRequestException. */
export function optionalString(service: Service, source: unknown, field: string): string | undefined {
  const value = source && typeof source === 'object' ? (source as Record<string, unknown>)[field] : undefined;
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw missing(service, `${field} as a string`);
  return value;
}

/** Reads an optional array of strings. */
export function optionalStringList(service: Service, source: unknown, field: string): string[] | undefined {
  const value = source && typeof source === 'object' ? (source as Record<string, unknown>)[field] : undefined;
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) throw missing(service, `${field} as a list of strings`);
  return value as string[];
}
