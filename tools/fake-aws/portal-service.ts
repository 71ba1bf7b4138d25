import { portalError } from './errors.js';
import type { FakeAccount } from './organisation.js';
import { requiredString } from './request-fields.js';
import type { RoleCredentialStore } from './role-credentials.js';
import type { Scenario } from './scenario.js';
import type { TokenStore } from './token-store.js';
import { partitionOf } from '../../src/core/aws/partitions.js';
import { assumedRoleIdentity, identityCenterRoleArn } from './sts-identities.js';

/** The session name Identity Center gives role sessions: the person's user name. */
export const PORTAL_USER_NAME = 'fake-user@example.com';

const MAX_PAGE_SIZE = 100;

/** The SSO portal: the accounts and roles assigned to the signed-in person, and their role credentials. */
export class PortalService {
  constructor(
    private readonly scenario: () => Scenario,
    private readonly tokens: TokenStore,
    private readonly credentials: RoleCredentialStore,
    /** The organisation; tests may change it while the fake runs (add, remove, unassign). */
    readonly accounts: FakeAccount[],
  ) {}

  /** Throws UnauthorizedException unless the bearer token is live. */
  authenticate(bearerToken: string | undefined): string {
    if (!bearerToken || !this.tokens.isValidAccessToken(bearerToken)) throw portalError('UnauthorizedException', 'Session token not found or invalid');
    return bearerToken;
  }

  /** ListAccounts (GET /assignment/accounts). */
  listAccounts(query: URLSearchParams) {
    const { items, nextToken } = this.#page(this.accounts, query);
    return {
      accountList: items.map(({ accountId, accountName, emailAddress }) => ({ accountId, accountName, emailAddress })),
      ...this.#nextTokenField(nextToken),
    };
  }

  /** ListAccountRoles (GET /assignment/roles). */
  listAccountRoles(query: URLSearchParams) {
    const account = this.#assignedAccount(requiredString('portal', Object.fromEntries(query), 'account_id'));
    const { items, nextToken } = this.#page(account.roles, query);
    return {
      roleList: items.map((roleName) => ({ roleName, accountId: account.accountId })),
      ...this.#nextTokenField(nextToken),
    };
  }

  /** GetRoleCredentials (GET /federation/credentials). */
  getRoleCredentials(query: URLSearchParams) {
    const params = Object.fromEntries(query);
    const roleName = requiredString('portal', params, 'role_name');
    const account = this.#assignedAccount(requiredString('portal', params, 'account_id'));
    if (!account.roles.includes(roleName)) throw portalError('ForbiddenException', 'No access');
    const roleArn = identityCenterRoleArn(partitionOf(this.scenario().region), account.accountId, roleName);
    const identity = assumedRoleIdentity(roleArn, PORTAL_USER_NAME, false);
    const { accessKeyId, secretAccessKey, sessionToken, expiration } = this.credentials.issue(this.scenario().lifetimes.roleCredentialsSeconds, identity);
    return { roleCredentials: { accessKeyId, secretAccessKey, sessionToken, expiration } };
  }

  /** Logout (POST /logout): ends the sign-in session; issued role credentials stay valid. */
  logout(bearerToken: string): void {
    this.tokens.logout(bearerToken);
  }

  // Real AWS ends the last page with "nextToken": null (aws/aws-cli#4637); the omitted form is kept as a scenario.
  #nextTokenField(nextToken: string | undefined): { nextToken?: string | null } {
    if (nextToken) return { nextToken };
    return this.scenario().lastPageNextToken === 'null' ? { nextToken: null } : {};
  }

  #assignedAccount(accountId: string): FakeAccount {
    const account = this.accounts.find((candidate) => candidate.accountId === accountId);
    if (!account) throw portalError('ForbiddenException', 'No access');
    return account;
  }

  #page<T>(all: readonly T[], query: URLSearchParams): { items: T[]; nextToken?: string } {
    const maxResultText = query.get('max_result');
    const pageSize = maxResultText === null ? this.scenario().defaultPageSize : Number(maxResultText);
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      throw portalError('InvalidRequestException', `max_result must be a whole number from 1 to ${MAX_PAGE_SIZE}`);
    }
    const start = decodeNextToken(query.get('next_token'));
    const end = start + pageSize;
    return { items: all.slice(start, end), ...(end < all.length ? { nextToken: encodeNextToken(end) } : {}) };
  }
}

// Opaque to clients, as AWS's are: they must pass it back unchanged.
function encodeNextToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset, v: 1 })).toString('base64url');
}

function decodeNextToken(token: string | null): number {
  if (token === null || token === '') return 0;
  try {
    const { offset } = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { offset: unknown };
    if (typeof offset === 'number' && Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // falls through to the error below
  }
  throw portalError('InvalidRequestException', 'Invalid next_token');
}
