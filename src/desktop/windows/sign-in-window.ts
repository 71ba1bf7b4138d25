import { AWS_REGIONS } from '../../core/aws/aws-regions.js';
import { sentenceOnFailure } from '../../core/errors/keyless-error.js';
import type { TextClipboard } from '../../core/export/clipboard-guard.js';
import type { SessionRecords } from '../../core/sso/session-records.js';
import type { SignInService } from '../../core/sso/sign-in-service.js';
import { sessionProblems } from '../../core/sso/sso-session.js';
import type { SessionInput, SessionProblems, SessionSummary } from '../../shared/ipc-api.js';
import type { DesktopController } from '../desktop-controller.js';

/** A payload with the fields of a new session, each a short string. */
export function sessionInputPayload(payload: unknown): SessionInput {
  const { name, startUrl, region } = (payload ?? {}) as Record<string, unknown>;
  const fine = (value: unknown, max: number) => typeof value === 'string' && value.length <= max;
  if (!fine(name, 128) || !fine(startUrl, 2048) || !fine(region, 64)) throw new Error('Refused: malformed request.');
  return { name: name as string, startUrl: startUrl as string, region: region as string };
}

/** A payload naming a session, and for sign-in the flow. */
export function sessionNamePayload(payload: unknown): { name: string; flow: 'browser' | 'device' } {
  const { name, flow } = (payload ?? {}) as Record<string, unknown>;
  if (typeof name !== 'string' || name.length > 128 || (flow !== undefined && flow !== 'browser' && flow !== 'device')) throw new Error('Refused: malformed request.');
  return { name, flow: flow ?? 'browser' };
}

/** What the sign-in window asks of the main process. Failures come back as Keyless's one sentence. */
export function createSignInBackend(options: { records: SessionRecords; signIn: SignInService; controller: DesktopController; clipboard: TextClipboard }) {
  const { records, signIn, controller } = options;
  return {
    sessions(): SessionSummary[] {
      return records.sessions().map((session) => {
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
      });
    },
    regions: () => Object.entries(AWS_REGIONS).map(([code, { name }]) => ({ code, name })),
    checkSession: (input: SessionInput): SessionProblems => sessionProblems(input, records.sessions()),
    addSession: (input: SessionInput) => sentenceOnFailure(() => void records.addSession(input)),
    signIn: ({ name, flow }: { name: string; flow: 'browser' | 'device' }) => sentenceOnFailure(() => controller.signIn(records.session(name).name, flow)),
    cancelSignIn: ({ name }: { name: string }) => controller.cancelSignIn(name),
    openSignInPage: ({ name }: { name: string }) => sentenceOnFailure(() => controller.openSignInPage(name)),
    signOut: ({ name }: { name: string }) => sentenceOnFailure(() => controller.signOutNow(name)),
    removeSession: ({ name }: { name: string }) => sentenceOnFailure(() => controller.removeSession(name)),
    copyUserCode: ({ name }: { name: string }) => {
      const step = signIn.states.get(name).prompt;
      if (step?.kind === 'device') options.clipboard.writeText(step.userCode);
    },
  };
}
