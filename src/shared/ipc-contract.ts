// The one table of IPC between the windows and the main process. The preload's API, the main side's registration,
// the pages' typed API and the tests' window harness are all derived from it, so a channel exists once.
import type {
  AppInfo,
  AwsConfigPreview,
  ChainedRoleForm,
  ChainedRoleSource,
  ChainedRoleSummary,
  ChainedRolesView,
  ImportableSessions,
  OidcSessionInput,
  SamlSessionInput,
  AccountNameInput,
  SearchRow,
  SessionInput,
  SessionProblems,
  SessionSummary,
  SettingsView,
} from './ipc-types.js';
import { isPreferenceName, type PreferenceKey, type Preferences } from './preferences.js';

/** What crosses IPC back to a page: the handler's value, or the one sentence to show for its failure. */
export type IpcResult<R> = { ok: true; value: R } | { ok: false; sentence: string };

/** One call a page may make: its channel, how the page's arguments travel, and how the main side checks them. */
export interface IpcMethod<Args extends unknown[], Payload, Result> {
  readonly channel: `keyless:${string}`;
  /** Packs the page's arguments into the one payload that is structured-cloned across. */
  readonly pack: (...args: Args) => Payload;
  /** Turns an untrusted payload into what the handler takes, or throws: the main side trusts nothing a page sends. */
  readonly validate: (payload: unknown) => Payload;
  /** Only carries the result type; never set. */
  readonly result?: Result;
}

/** A payload the handler was not written for; the page gets the generic sentence, as for any unexpected failure. */
class RefusedPayloadError extends Error {
  constructor() {
    super('Refused: malformed request.');
  }
}

const fields = (payload: unknown): Record<string, unknown> => (payload !== null && typeof payload === 'object' ? (payload as Record<string, unknown>) : {});
const shortText = (value: unknown, max: number): value is string => typeof value === 'string' && value.length <= max;
const optionalText = (value: unknown, max: number) => value === undefined || shortText(value, max);
function check<T>(ok: boolean, value: T): T {
  if (!ok) throw new RefusedPayloadError();
  return value;
}

/** A call that takes no arguments. */
function noArguments<Result>(channel: `keyless:${string}`): IpcMethod<[], undefined, Result> {
  return { channel, pack: () => undefined, validate: (payload) => check(payload === undefined, undefined) };
}

/** A role row by its id, and optionally a region or a credential format. */
export interface RoleRequest {
  id: string;
  region?: string;
  format?: string;
}
function roleRequest(payload: unknown): RoleRequest {
  const { id, region, format } = fields(payload);
  check(shortText(id, 512) && optionalText(region, 64) && optionalText(format, 64), undefined);
  return { id: id as string, ...(typeof region === 'string' ? { region } : {}), ...(typeof format === 'string' ? { format } : {}) };
}
function roleCall<Args extends unknown[]>(channel: `keyless:${string}`, pack: (...args: Args) => RoleRequest): IpcMethod<Args, RoleRequest, void> {
  return { channel, pack, validate: roleRequest };
}
const withOptional = <K extends string>(key: K, value: string | undefined) => (value === undefined ? {} : ({ [key]: value } as Record<K, string>));

/** A session by name, and for sign-in the flow. */
export interface SessionRequest {
  name: string;
  flow: 'browser' | 'device';
}
function sessionRequest(payload: unknown): SessionRequest {
  const { name, flow } = fields(payload);
  check(shortText(name, 128) && (flow === undefined || flow === 'browser' || flow === 'device'), undefined);
  return { name: name as string, flow: (flow as SessionRequest['flow'] | undefined) ?? 'browser' };
}
function sessionCall<Args extends unknown[]>(
  channel: `keyless:${string}`,
  pack: (...args: Args) => Partial<SessionRequest> & { name: string },
): IpcMethod<Args, SessionRequest, void> {
  return { channel, pack: (...args) => ({ flow: 'browser', ...pack(...args) }), validate: sessionRequest };
}

/** An AWS CLI profile by name. */
export interface ProfileRequest {
  profile: string;
}
function profileRequest(payload: unknown): ProfileRequest {
  const { profile } = fields(payload);
  return check(shortText(profile, 256) && profile !== '', { profile: profile as string });
}

function sessionInput(payload: unknown): SessionInput {
  const { name, startUrl, region } = fields(payload);
  return check(shortText(name, 128) && shortText(startUrl, 2048) && shortText(region, 64), { name, startUrl, region } as SessionInput);
}

/** An account name line of the SAML form: an id and a name, as typed (the core checks them). */
function accountNameInput(value: unknown): AccountNameInput {
  const { accountId, name } = fields(value);
  check(shortText(accountId, 64) && shortText(name, 256), undefined);
  return { accountId: accountId as string, name: name as string };
}

/** The SAML form's fields as the core takes them: at most 1000 account names. */
function samlSessionInput(payload: unknown): SamlSessionInput {
  const { name, signInUrl, partition, roleFilter, accountNames } = fields(payload);
  check(
    shortText(name, 128) &&
      shortText(signInUrl, 2048) &&
      shortText(partition, 32) &&
      optionalText(roleFilter, 2048) &&
      (accountNames === undefined || (Array.isArray(accountNames) && accountNames.length <= 1000)),
    undefined,
  );
  return {
    name: name as string,
    signInUrl: signInUrl as string,
    partition: partition as string,
    ...withOptional('roleFilter', roleFilter as string | undefined),
    ...(accountNames === undefined ? {} : { accountNames: (accountNames as unknown[]).map(accountNameInput) }),
  };
}

/** A role line of the OpenID Connect form: an ARN, and optionally its label. */
function oidcRole(value: unknown): { roleArn: string; label?: string } {
  const { roleArn, label } = fields(value);
  check(shortText(roleArn, 2048) && optionalText(label, 128), undefined);
  return { roleArn: roleArn as string, ...withOptional('label', label as string | undefined) };
}

/** The OpenID Connect form's fields as the core takes them: at most 100 roles and 32 scopes, the client secret only as text. */
function oidcSessionInput(payload: unknown): OidcSessionInput {
  const { name, issuer, clientId, clientSecret, scopes, roles } = fields(payload);
  check(
    shortText(name, 128) &&
      shortText(issuer, 2048) &&
      shortText(clientId, 512) &&
      optionalText(clientSecret, 4096) &&
      (scopes === undefined || (Array.isArray(scopes) && scopes.length <= 32 && scopes.every((scope) => shortText(scope, 256)))) &&
      Array.isArray(roles) &&
      roles.length <= 100,
    undefined,
  );
  return {
    name: name as string,
    issuer: issuer as string,
    clientId: clientId as string,
    ...withOptional('clientSecret', clientSecret as string | undefined),
    ...(scopes === undefined ? {} : { scopes: [...(scopes as string[])] }),
    roles: (roles as unknown[]).map(oidcRole),
  };
}

/** A new client secret for an OpenID Connect session; only ever text. */
function clientSecretRequest(payload: unknown): { name: string; secret: string } {
  const { name, secret } = fields(payload);
  return check(shortText(name, 128) && shortText(secret, 4096), { name: name as string, secret: secret as string });
}

/** A preference and a value a control can produce: text, a number, on/off, none, or a short list. */
export interface PreferenceChange {
  key: PreferenceKey;
  value: unknown;
}
function preferenceChange(payload: unknown): PreferenceChange {
  const { key, value } = fields(payload);
  const scalar = (item: unknown) => item === null || typeof item === 'boolean' || typeof item === 'number' || shortText(item, 4096);
  return check(isPreferenceName(key) && (scalar(value) || (Array.isArray(value) && value.length <= 8 && value.every(scalar))), {
    key,
    value,
  } as PreferenceChange);
}

/** Session names to import: at most as many as a config file could sensibly hold. */
function importRequest(payload: unknown): { names: string[] } {
  const { names } = fields(payload);
  return check(Array.isArray(names) && names.length <= 200 && names.every((name) => shortText(name, 128)), { names: names as string[] });
}

function shareRequest(payload: unknown): { name: string; share: boolean } {
  const { name, share } = fields(payload);
  return check(shortText(name, 128) && typeof share === 'boolean', { name: name as string, share: share as boolean });
}

function chainedRoleSource(value: unknown): ChainedRoleSource {
  const { kind, name, session, accountId, roleName } = fields(value);
  if (kind === 'chained') return check(shortText(name, 128), { kind, name: name as string });
  check(kind === 'identity-center' && shortText(session, 128) && shortText(accountId, 64) && shortText(roleName, 128), undefined);
  return { kind: 'identity-center', session: session as string, accountId: accountId as string, roleName: roleName as string };
}

/** The form's fields as the core takes them; the core checks their content, with the CLI's sentences. */
function chainedRoleForm(payload: unknown): ChainedRoleForm {
  const { name, source, roleArn, externalId, sessionName, durationSeconds, region } = fields(payload);
  check(
    shortText(name, 128) &&
      shortText(roleArn, 2048) &&
      optionalText(externalId, 2048) &&
      optionalText(sessionName, 128) &&
      optionalText(region, 64) &&
      (durationSeconds === undefined || typeof durationSeconds === 'number'),
    undefined,
  );
  return {
    name: name as string,
    source: chainedRoleSource(source),
    roleArn: roleArn as string,
    ...withOptional('externalId', externalId as string | undefined),
    ...withOptional('sessionName', sessionName as string | undefined),
    ...withOptional('region', region as string | undefined),
    ...(durationSeconds === undefined ? {} : { durationSeconds: durationSeconds as number }),
  };
}

function chainedRoleName(payload: unknown): { name: string } {
  const { name } = fields(payload);
  return check(shortText(name, 128), { name: name as string });
}

/** Every call a window may make, by the name the page calls it. */
export const IPC_CONTRACT = {
  appInfo: noArguments<AppInfo>('keyless:app-info'),
  searchRows: noArguments<SearchRow[]>('keyless:search-rows'),
  consoleRegions: noArguments<string[]>('keyless:console-regions'),
  openConsole: roleCall('keyless:open-console', (id: string, region?: string) => ({ id, ...withOptional('region', region) })),
  copyCredentials: roleCall('keyless:copy-credentials', (id: string, format?: string) => ({ id, ...withOptional('format', format) })),
  copyConsoleUrl: roleCall('keyless:copy-console-url', (id: string) => ({ id })),
  togglePin: roleCall('keyless:toggle-pin', (id: string) => ({ id })),
  /** The highlighted row: its console sign-in token is fetched ahead while its credentials are held. */
  prepareConsole: roleCall('keyless:prepare-console', (id: string) => ({ id })),
  /** The profiles in the AWS CLI's config and credentials files, for "Open console for an AWS CLI profile…". */
  awsCliProfiles: noArguments<string[]>('keyless:aws-cli-profiles'),
  /** Opens the console with a profile's credentials; the result is the sentence saying how. */
  openProfileConsole: { channel: 'keyless:open-profile-console', pack: (profile: string) => ({ profile }), validate: profileRequest } as IpcMethod<
    [string],
    ProfileRequest,
    string
  >,
  sessions: noArguments<SessionSummary[]>('keyless:sessions'),
  regions: noArguments<{ code: string; name: string }[]>('keyless:regions'),
  checkSession: { channel: 'keyless:check-session', pack: (input: SessionInput) => input, validate: sessionInput } as IpcMethod<
    [SessionInput],
    SessionInput,
    SessionProblems
  >,
  addSession: { channel: 'keyless:add-session', pack: (input: SessionInput) => input, validate: sessionInput } as IpcMethod<[SessionInput], SessionInput, void>,
  /** Checks and adds a SAML 2.0 session, then starts its sign-in (the identity provider's page in a Keyless window). */
  addSamlSession: { channel: 'keyless:add-saml-session', pack: (input: SamlSessionInput) => input, validate: samlSessionInput } as IpcMethod<
    [SamlSessionInput],
    SamlSessionInput,
    void
  >,
  /** Checks and adds an OpenID Connect session (its client secret to the keychain), then starts its sign-in in the browser. */
  addOidcSession: { channel: 'keyless:add-oidc-session', pack: (input: OidcSessionInput) => input, validate: oidcSessionInput } as IpcMethod<
    [OidcSessionInput],
    OidcSessionInput,
    void
  >,
  signIn: sessionCall('keyless:sign-in', (name: string, flow: 'browser' | 'device') => ({ name, flow })),
  cancelSignIn: sessionCall('keyless:cancel-sign-in', (name: string) => ({ name })),
  openSignInPage: sessionCall('keyless:open-sign-in-page', (name: string) => ({ name })),
  copyUserCode: sessionCall('keyless:copy-user-code', (name: string) => ({ name })),
  signOut: sessionCall('keyless:sign-out', (name: string) => ({ name })),
  removeSession: sessionCall('keyless:remove-session', (name: string) => ({ name })),
  shareSignIn: { channel: 'keyless:share-sign-in', pack: (name: string, share: boolean) => ({ name, share }), validate: shareRequest } as IpcMethod<
    [string, boolean],
    { name: string; share: boolean },
    void
  >,
  openSignInWindow: noArguments<void>('keyless:open-sign-in-window'),
  /** Replaces an OpenID Connect session's client secret in the keychain, signing the session out. */
  replaceClientSecret: {
    channel: 'keyless:replace-client-secret',
    pack: (name: string, secret: string) => ({ name, secret }),
    validate: clientSecretRequest,
  } as IpcMethod<[string, string], { name: string; secret: string }, void>,
  /** The sign-ins in ~/.aws/config that are not sessions yet. */
  importableSessions: noArguments<ImportableSessions>('keyless:importable-sessions'),
  /** Adds the named ones of those as sessions; the result is the names added. */
  importSessions: { channel: 'keyless:import-sessions', pack: (names: string[]) => ({ names }), validate: importRequest } as IpcMethod<
    [string[]],
    { names: string[] },
    string[]
  >,
  settings: noArguments<SettingsView>('keyless:settings'),
  /** Keeps a preference and applies it at once; the result is the value as kept. */
  setPreference: { channel: 'keyless:set-preference', pack: (key: PreferenceKey, value: unknown) => ({ key, value }), validate: preferenceChange } as IpcMethod<
    [PreferenceKey, unknown],
    PreferenceChange,
    Preferences[PreferenceKey]
  >,
  awsConfigPreview: noArguments<AwsConfigPreview>('keyless:aws-config-preview'),
  /** Writes the AWS CLI profiles; the result is the sentence saying what was written. */
  writeAwsConfig: noArguments<string>('keyless:write-aws-config'),
  chainedRoles: noArguments<ChainedRolesView>('keyless:chained-roles'),
  /** Checks and keeps a chained role; the result is how the list shows it. */
  addChainedRole: { channel: 'keyless:add-chained-role', pack: (form: ChainedRoleForm) => form, validate: chainedRoleForm } as IpcMethod<
    [ChainedRoleForm],
    ChainedRoleForm,
    ChainedRoleSummary
  >,
  /** Forgets a chained role and the credentials held for it. */
  removeChainedRole: { channel: 'keyless:remove-chained-role', pack: (name: string) => ({ name }), validate: chainedRoleName } as IpcMethod<
    [string],
    { name: string },
    void
  >,
} as const;

export type IpcName = keyof typeof IPC_CONTRACT;
type MethodOf<N extends IpcName> = (typeof IPC_CONTRACT)[N];
export type ArgsOf<N extends IpcName> = MethodOf<N> extends { readonly pack: (...args: infer A) => unknown } ? A : never;
export type PayloadOf<N extends IpcName> = ReturnType<MethodOf<N>['validate']>;
export type ResultOf<N extends IpcName> = MethodOf<N> extends { readonly result?: infer R } ? R : never;

/** What a page calls: each method resolves to its value, or rejects with an Error whose message is the sentence to show. */
export type KeylessApi = { [N in IpcName]: (...args: ArgsOf<N>) => Promise<ResultOf<N>> };

/** What the preload puts on `window.keyless`: the same methods, answering with IpcResult data (plain data crosses the context bridge unchanged). */
export type KeylessBridge = { [N in IpcName]: (...args: ArgsOf<N>) => Promise<IpcResult<ResultOf<N>>> };

/** The handler the main side runs for one call. */
export type IpcHandler<N extends IpcName> = (payload: PayloadOf<N>) => ResultOf<N> | Promise<ResultOf<N>>;

/** Where window backends register their handlers: src/main's ipcMain in the app, a recorder in tests. */
export interface IpcHandlers {
  handle<N extends IpcName>(name: N, handler: IpcHandler<N>): void;
}

/** The names of every call, in the table's order. */
export const IPC_NAMES = Object.keys(IPC_CONTRACT) as IpcName[];

/** The bridge as a page uses it: a failure becomes a rejection carrying the sentence. */
export function unwrapBridge(bridge: KeylessBridge): KeylessApi {
  const call =
    (name: IpcName) =>
    async (...args: unknown[]) => {
      const result = await (bridge[name] as (...args: unknown[]) => Promise<IpcResult<unknown>>)(...args);
      if (!result.ok) throw new Error(result.sentence);
      return result.value;
    };
  return Object.fromEntries(IPC_NAMES.map((name) => [name, call(name)])) as unknown as KeylessApi;
}
