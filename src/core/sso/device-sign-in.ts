import { setTimeout as sleep } from 'node:timers/promises';
import { CreateTokenCommand, StartDeviceAuthorizationCommand, type SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import type { Registration } from './client-registration.js';
import { oidcFailure } from './oidc-failure.js';
import { SignInCancelledError, SignInDeniedError, SignInExpiredError } from './sign-in-errors.js';
import type { SignInInteraction } from './sign-in-prompt.js';
import type { SsoSession } from './sso-session.js';
import { type TokenSet, tokenSetFrom } from './tokens.js';

const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
/** RFC 8628: the interval when the server gives none, and what each slow_down adds. */
const DEFAULT_INTERVAL_SECONDS = 5;
const SLOW_DOWN_SECONDS = 5;

export interface DeviceSignInContext {
  oidc: SSOOIDCClient;
  oidcBaseUrl: string;
  now: () => number;
  /** Waits between polls; rejects when the signal aborts. Injected so tests need not wait in real time. */
  wait?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

const realWait = (ms: number, signal?: AbortSignal) => sleep(ms, undefined, signal ? { signal } : {});

/** What each CreateToken answer means while polling, as a table: keep polling, poll slower, or stop with an error. */
const POLL_OUTCOMES: Readonly<Record<string, 'pending' | 'slow-down' | (() => Error)>> = {
  AuthorizationPendingException: 'pending',
  SlowDownException: 'slow-down',
  ExpiredTokenException: () => new SignInExpiredError(),
  AccessDeniedException: () => new SignInDeniedError(),
};

/** Device authorization: show the code and URL, then poll CreateToken at the interval until approved, denied, expired or cancelled. */
export async function signInWithDevice(
  context: DeviceSignInContext,
  session: SsoSession,
  registration: Registration,
  interaction: SignInInteraction,
): Promise<TokenSet> {
  const wait = context.wait ?? realWait;
  const { signal } = interaction;
  const sendOptions = signal ? { abortSignal: signal } : {};
  let device;
  try {
    device = await context.oidc.send(
      new StartDeviceAuthorizationCommand({ clientId: registration.clientId, clientSecret: registration.clientSecret, startUrl: session.startUrl }),
      sendOptions,
    );
  } catch (error) {
    throw signal?.aborted ? new SignInCancelledError() : oidcFailure(error, session, context.oidcBaseUrl);
  }
  const expiresAt = context.now() + (device.expiresIn ?? 600) * 1000;
  const url = device.verificationUriComplete ?? device.verificationUri!;
  interaction.onPrompt?.({ kind: 'device', url, userCode: device.userCode!, verificationUri: device.verificationUri!, expiresAt });
  if (!interaction.noBrowser) await interaction.openUrl(url).catch(() => undefined);

  let intervalMs = (device.interval || DEFAULT_INTERVAL_SECONDS) * 1000;
  // The first poll goes out at once: the person may have approved already (as the AWS CLI does).
  for (let first = true; ; first = false) {
    if (!first) await wait(intervalMs, signal).catch(() => undefined);
    if (signal?.aborted) throw new SignInCancelledError();
    if (context.now() >= expiresAt) throw new SignInExpiredError();
    try {
      const output = await context.oidc.send(
        new CreateTokenCommand({
          clientId: registration.clientId,
          clientSecret: registration.clientSecret,
          grantType: DEVICE_CODE_GRANT,
          deviceCode: device.deviceCode,
        }),
        sendOptions,
      );
      return tokenSetFrom(output, context.now());
    } catch (error) {
      if (signal?.aborted) throw new SignInCancelledError();
      const outcome = POLL_OUTCOMES[(error as Error).name];
      if (outcome === 'slow-down') intervalMs += SLOW_DOWN_SECONDS * 1000;
      else if (typeof outcome === 'function') throw outcome();
      else if (outcome !== 'pending') throw oidcFailure(error, session, context.oidcBaseUrl);
    }
  }
}
