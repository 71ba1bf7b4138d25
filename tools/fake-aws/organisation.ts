import type { Scenario } from './scenario.js';
import { seededRandom } from './seeded-random.js';

export interface FakeAccount {
  accountId: string;
  accountName: string;
  emailAddress: string;
  roles: string[];
}

const TEAMS = ['payments', 'search', 'identity', 'data', 'platform', 'web', 'mobile', 'billing', 'analytics', 'security', 'network', 'ml'];
const STAGES = ['dev', 'test', 'staging', 'prod', 'sandbox', 'shared'];
const ROLE_NAMES = [
  'AdministratorAccess',
  'ReadOnlyAccess',
  'PowerUserAccess',
  'ViewOnlyAccess',
  'Billing',
  'DatabaseAdministrator',
  'NetworkAdministrator',
  'SecurityAudit',
  'SupportUser',
  'DataScientist',
];

/** The parts of a scenario that shape the organisation. */
export type OrganisationPlan = Pick<Scenario, 'seed' | 'accounts' | 'rolesPerAccount' | 'rolesPerAccountMax' | 'accountNames' | 'roleNames'>;

/** Builds a deterministic organisation: the same plan always gives the same accounts, ids and roles. */
export function generateOrganisation(plan: OrganisationPlan): FakeAccount[] {
  const random = seededRandom(plan.seed);
  const roleNames = plan.roleNames ?? ROLE_NAMES;
  const usedIds = new Set<string>();
  const accounts: FakeAccount[] = [];
  for (let index = 0; index < plan.accounts; index++) {
    let accountId: string;
    do {
      accountId = String(Math.floor(random() * 9e11) + 1e11);
    } while (usedIds.has(accountId));
    usedIds.add(accountId);
    const team = TEAMS[Math.floor(random() * TEAMS.length)];
    const stage = STAGES[Math.floor(random() * STAGES.length)];
    const accountName = plan.accountNames?.[index] ?? `${team}-${stage}-${index + 1}`;
    const spread = Math.max(0, (plan.rolesPerAccountMax ?? plan.rolesPerAccount) - plan.rolesPerAccount);
    const roleCount = plan.rolesPerAccount + Math.floor(random() * (spread + 1));
    const roles = Array.from(
      { length: roleCount },
      (_, roleIndex) => roleNames[roleIndex % roleNames.length] + (roleIndex >= roleNames.length ? `-${Math.floor(roleIndex / roleNames.length) + 1}` : ''),
    );
    accounts.push({ accountId, accountName, emailAddress: `aws+${accountName}@example.com`, roles });
  }
  return accounts;
}
