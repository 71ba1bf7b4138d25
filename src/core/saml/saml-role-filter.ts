import type { SamlRole } from './saml-response.js';

/** Whether a role ARN matches a session's role filter: a glob where `*` stands for any run of characters and everything else is literal. */
export function matchesRoleFilter(filter: string, roleArn: string): boolean {
  const expression = filter.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\/]/g, '\\$&'));
  return new RegExp(`^${expression.join('.*')}$`).test(roleArn);
}

/** The roles a session offers: all of the assertion's, or those its filter matches. */
export function filteredRoles<T extends SamlRole>(roles: readonly T[], filter: string | undefined): T[] {
  return filter === undefined ? [...roles] : roles.filter((role) => matchesRoleFilter(filter, role.roleArn));
}
