import { sentenceFor } from '../core/errors/keyless-error.js';

/**
 * Failures that end in "sign in", as the command words them: naming the command to run, since the sentence often
 * reaches the person through the AWS CLI (credential_process), far from Keyless.
 */
const SIGN_IN_WORDING: Readonly<Record<string, (session: string) => string>> = {
  SessionEndedError: (session) => `Your sign-in for "${session}" has ended. Sign in again with: keyless login ${session}`,
  NotSignedInError: (session) => `You are not signed in to "${session}". Sign in with: keyless login ${session}`,
};

/** The one sentence the keyless command shows for a failure: Keyless's own, with the command to run where it asks for a sign-in. */
export function cliSentence(error: unknown): string {
  const { name, sessionName } = (error ?? {}) as { name?: string; sessionName?: unknown };
  const wording = name ? SIGN_IN_WORDING[name] : undefined;
  return wording && typeof sessionName === 'string' ? wording(sessionName) : sentenceFor(error);
}
