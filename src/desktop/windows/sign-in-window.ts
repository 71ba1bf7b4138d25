import { sep } from 'node:path';
import { awsConfigPath } from '../../core/aws-files/aws-config-file.js';
import { AWS_REGIONS } from '../../core/aws/aws-regions.js';
import { importChosenSessions, planSessionImportFrom } from '../../core/use-cases/import-sessions.js';
import { type TextClipboard, writeClipboard } from '../../core/export/clipboard-guard.js';
import type { SessionRecords } from '../../core/sso/session-records.js';
import type { SignInService } from '../../core/sso/sign-in-service.js';
import { sessionProblems } from '../../core/sso/sso-session.js';
import type { IpcHandlers } from '../../shared/ipc-contract.js';
import type { ImportableSessions, SessionSummary } from '../../shared/ipc-types.js';
import type { DesktopController } from '../desktop-controller.js';

/** Registers what the sign-in window (and the settings window's organisation list) asks of the main process. */
export function setupSignInWindow(
  ipc: IpcHandlers,
  options: {
    records: SessionRecords;
    signIn: SignInService;
    controller: DesktopController;
    clipboard: TextClipboard;
    /** Where ~/.aws/config is found (AWS_CONFIG_FILE), for importing its sign-ins. */
    env: NodeJS.ProcessEnv;
    home: string;
  },
): void {
  const { records, signIn, controller } = options;
  const configPath = () => awsConfigPath(options.env, options.home);
  ipc.handle('sessions', (): SessionSummary[] =>
    records.sessions().map((session) => {
      const state = signIn.states.get(session.name);
      return {
        name: session.name,
        startUrl: session.startUrl,
        region: session.region,
        status: state.status,
        signInExpiresAt: state.signInExpiresAt ?? null,
        problem: state.problem ?? null,
        remembered: state.remembered,
        step: state.status === 'signing-in' && state.prompt ? state.prompt : null,
        sharedWithAwsCli: records.sharesWithAwsCli(session.name),
      };
    }),
  );
  ipc.handle('regions', () => Object.entries(AWS_REGIONS).map(([code, { name }]) => ({ code, name })));
  ipc.handle('checkSession', (input) => sessionProblems(input, records.sessions()));
  ipc.handle('addSession', (input) => void records.addSession(input));
  ipc.handle('signIn', ({ name, flow }) => controller.signIn(records.session(name).name, flow));
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
