import { sep } from 'node:path';
import { awsConfigPath } from '../../core/aws-files/aws-config-file.js';
import { AWS_REGIONS } from '../../core/aws/aws-regions.js';
import { importChosenSessions, planSessionImportFrom } from '../../core/use-cases/import-sessions.js';
import { type TextClipboard, writeClipboard } from '../../core/export/clipboard-guard.js';
import type { SessionRecords } from '../../core/sso/session-records.js';
import type { SignInService } from '../../core/sso/sign-in-service.js';
import { sessionProblems } from '../../core/sso/sso-session.js';
import { isIdentityCenter, type KeylessSession, sessionKind } from '../../core/sso/session-kinds.js';
import type { SessionState } from '../../core/sso/session-state.js';
import type { OidcSignIn } from '../../core/oidc/oidc-sign-in.js';
import type { SecretStore } from '../../core/vault/secret-store.js';
import type { IpcHandlers } from '../../shared/ipc-contract.js';
import type { ImportableSessions, SessionSummary } from '../../shared/ipc-types.js';
import { setupAddSessionForms } from '../add-session-forms.js';
import type { DesktopController } from '../desktop-controller.js';

/** Where each kind signs in, as the session list shows it. */
function sessionUrl(session: KeylessSession): string {
  if (session.kind === 'saml') return session.signInUrl;
  if (session.kind === 'oidc') return session.issuer;
  return session.startUrl;
}

/** One session as the windows list it. */
function sessionSummary(session: KeylessSession, state: SessionState, sharedWithAwsCli: boolean): SessionSummary {
  return {
    name: session.name,
    kind: sessionKind(session),
    url: sessionUrl(session),
    region: isIdentityCenter(session) ? session.region : null,
    status: state.status,
    signInExpiresAt: state.signInExpiresAt ?? null,
    problem: state.problem ?? null,
    remembered: state.remembered,
    step: state.status === 'signing-in' && state.prompt ? state.prompt : null,
    sharedWithAwsCli,
    clientSecret: session.kind === 'oidc' && session.clientSecret === true,
  };
}

/** Registers what the sign-in window (and the settings window's organisation list) asks of the main process. */
export function setupSignInWindow(
  ipc: IpcHandlers,
  options: {
    records: SessionRecords;
    signIn: SignInService;
    controller: DesktopController;
    clipboard: TextClipboard;
    /** OpenID Connect sign-in, which keeps a new session's client secret in the keychain. */
    oidc: Pick<OidcSignIn, 'setClientSecret'>;
    secretStore: Pick<SecretStore, 'persistent' | 'absence'>;
    /** Where ~/.aws/config is found (AWS_CONFIG_FILE), for importing its sign-ins. */
    env: NodeJS.ProcessEnv;
    home: string;
  },
): void {
  const { records, signIn, controller } = options;
  const configPath = () => awsConfigPath(options.env, options.home);
  ipc.handle('sessions', (): SessionSummary[] => {
    // The controller knows every kind's state; Identity Center's are the sign-in service's own.
    const states = new Map(controller.state().sessions.map(({ state }) => [state.name, state]));
    return records
      .allSessions()
      .map((session) =>
        sessionSummary(
          session,
          states.get(session.name) ?? signIn.states.get(session.name),
          isIdentityCenter(session) && records.sharesWithAwsCli(session.name),
        ),
      );
  });
  ipc.handle('regions', () => Object.entries(AWS_REGIONS).map(([code, { name }]) => ({ code, name })));
  ipc.handle('checkSession', (input) => sessionProblems(input, records.sessions()));
  ipc.handle('addSession', (input) => void records.addSession(input));
  ipc.handle('signIn', ({ name, flow }) => controller.signIn(records.anySession(name).name, flow));
  setupAddSessionForms(ipc, { records, oidc: options.oidc, secretStore: options.secretStore, signIn: (name) => controller.signIn(name) });
  ipc.handle('cancelSignIn', ({ name }) => controller.cancelSignIn(name));
  ipc.handle('openSignInPage', ({ name }) => controller.openSignInPage(name));
  ipc.handle('signOut', ({ name }) => controller.signOut(name));
  ipc.handle('removeSession', ({ name }) => controller.removeSession(name));
  ipc.handle('importableSessions', async (): Promise<ImportableSessions> => {
    const path = configPath();
    const plan = await planSessionImportFrom(path, records);
    return {
      path: path.startsWith(options.home + sep) ? `~${path.slice(options.home.length)}` : path,
      sessions: plan.flatMap((step) => ('add' in step ? [{ ...step.add, from: step.from }] : [])),
    };
  });
  ipc.handle('importSessions', async ({ names }) => (await importChosenSessions(configPath(), records, names)).map((session) => session.name));
  ipc.handle('copyUserCode', async ({ name }) => {
    const step = signIn.states.get(name).prompt;
    if (step?.kind === 'device') await writeClipboard(options.clipboard, step.userCode);
  });
}
