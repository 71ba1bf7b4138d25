import { KeylessError } from '../errors/keyless-error.js';

/** The default profile name: `<account name>.<role name>`. */
export const DEFAULT_PROFILE_TEMPLATE = '{account}.{role}';

/** One role a profile is made for: what a template and the disambiguation can name it by. */
export interface ProfileIdentity {
  session: string;
  accountId: string;
  accountName: string;
  role: string;
}

/** What each placeholder of a profile template stands for. */
const PROFILE_PLACEHOLDERS: Readonly<Record<string, (profile: ProfileIdentity) => string>> = {
  '{account}': (profile) => profile.accountName,
  '{id}': (profile) => profile.accountId,
  '{role}': (profile) => profile.role,
  '{session}': (profile) => profile.session,
};

const PLACEHOLDER_LIST = 'use {account}, {id}, {role} and {session}, as in the default {account}.{role}';

/** The profile template would make empty names, or has something in braces that is not a placeholder. */
export class InvalidProfileTemplateError extends KeylessError {}

/** Refuses a template that is blank or has anything in braces (or a lone brace) other than the placeholders. */
export function checkProfileTemplate(template: string): void {
  if (template.trim() === '')
    throw new InvalidProfileTemplateError(`The profile template is empty, which would make empty profile names: ${PLACEHOLDER_LIST}.`);
  const unknown = (template.match(/\{[^{}]*\}|[{}]/g) ?? []).find((part) => !Object.hasOwn(PROFILE_PLACEHOLDERS, part));
  if (unknown !== undefined)
    throw new InvalidProfileTemplateError(`The profile template "${template}" has "${unknown}", which is not a placeholder: ${PLACEHOLDER_LIST}.`);
}

/** The template with each placeholder replaced by what it stands for (not yet made safe as a profile name). */
export function fillProfileTemplate(template: string, profile: ProfileIdentity): string {
  return template.replace(/\{[^{}]*\}/g, (placeholder) => PROFILE_PLACEHOLDERS[placeholder]?.(profile) ?? placeholder);
}
