import { setTimeout as sleep } from 'node:timers/promises';
import { spokenDuration } from '../text/spoken-duration.js';
import { type KeychainBlock, KeychainBlockedError, KeychainUnavailableError, type SecretStore } from './secret-store.js';

/** The keytar functions used; keytar itself is loaded lazily, since its native module may be missing. */
export interface KeytarApi {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

/** The keychain service name every Keyless secret is stored under. */
export const KEYCHAIN_SERVICE = 'Keyless';
/** The entry written and removed to tell a locked Secret Service from an empty one: one per process, so two processes' probes never meet. */
const PROBE_ACCOUNT = `keychain-check/${process.pid}`;
/** The probe under way per service: empty reads at the same moment share it, since two writes and deletes of one entry trip over each other. */
const probes = new Map<string, Promise<void>>();

/**
 * What each keychain failure means, from the text libsecret, macOS (SecCopyErrorMessageString) and Windows (FormatMessage) give,
 * first match wins: no keychain at all (memory may stand in), or one that cannot be used just now.
 */
const FAILURES: ReadonlyArray<[RegExp, { absent: string } | { block: KeychainBlock }]> = [
  [/org\.freedesktop\.secrets|Secret Service|ServiceUnknown|not provided by any \.service files/i, { absent: 'no Secret Service is running' }],
  [/Could not connect|DBUS|D-Bus/i, { absent: 'no D-Bus session is running' }],
  [/No keychain is available|keychain could not be found/i, { absent: 'there is no keychain to use' }],
  [/logon session does not exist/i, { absent: 'this logon session has no Credential Manager' }],
  [/locked|unlock|User interaction is not allowed|passphrase you entered is not correct/i, { block: 'locked' }],
  [/denied|not allowed|cancel/i, { block: 'denied' }],
];

/** The typed error for a keychain failure: absent (KeychainUnavailableError) or blocked (KeychainBlockedError). */
export function keychainFailure(error: unknown): KeychainUnavailableError | KeychainBlockedError {
  const text = error instanceof Error ? error.message : String(error);
  const meaning = FAILURES.find(([pattern]) => pattern.test(text))?.[1] ?? { block: 'failed' as const };
  return 'absent' in meaning ? new KeychainUnavailableError(meaning.absent, { cause: error }) : new KeychainBlockedError(meaning.block, { cause: error });
}

async function loadKeytar(): Promise<KeytarApi> {
  try {
    const module = (await import('keytar')) as { default?: KeytarApi } & KeytarApi;
    return module.default ?? module;
  } catch (error) {
    throw new KeychainUnavailableError('the keytar module could not be loaded', { cause: error });
  }
}

export interface KeytarSecretStoreOptions {
  service?: string;
  timeoutMs?: number;
  keytar?: KeytarApi;
  /** Whether "nothing stored" may really mean "locked"; libsecret reads a locked collection as empty. Linux by default. */
  emptyMayMeanLocked?: boolean;
}

/** The OS keychain through keytar: macOS Keychain, Windows Credential Manager, or the Secret Service on Linux. */
export class KeytarSecretStore implements SecretStore {
  readonly persistent = true;
  #keytar: Promise<KeytarApi> | undefined;

  constructor(private readonly options: KeytarSecretStoreOptions = {}) {}

  get(account: string): Promise<string | null> {
    return this.#call(async (keytar, service) => {
      const secret = await keytar.getPassword(service, account);
      if (secret === null && (this.options.emptyMayMeanLocked ?? process.platform === 'linux')) {
        // A write to a locked collection fails where a read only comes back empty, so an empty read is checked with one.
        let probe = probes.get(service);
        if (!probe) {
          probe = (async () => {
            await keytar.setPassword(service, PROBE_ACCOUNT, 'unlocked');
            await keytar.deletePassword(service, PROBE_ACCOUNT);
          })().finally(() => probes.delete(service));
          probes.set(service, probe);
        }
        await probe;
      }
      return secret;
    });
  }

  set(account: string, secret: string): Promise<void> {
    return this.#call((keytar, service) => keytar.setPassword(service, account, secret));
  }

  delete(account: string): Promise<boolean> {
    return this.#call((keytar, service) => keytar.deletePassword(service, account));
  }

  async #call<T>(operation: (keytar: KeytarApi, service: string) => Promise<T>): Promise<T> {
    this.#keytar ??= this.options.keytar ? Promise.resolve(this.options.keytar) : loadKeytar();
    const keytar = await this.#keytar;
    const timeoutMs = this.options.timeoutMs ?? 30_000;
    const timeout = new AbortController();
    try {
      // A keychain waiting on a prompt nobody can see would hang sign-in for ever.
      return await Promise.race([
        operation(keytar, this.options.service ?? KEYCHAIN_SERVICE),
        sleep(timeoutMs, undefined, { signal: timeout.signal }).then(() => {
          throw new KeychainBlockedError('unanswered', {
            sentence: `The keychain did not answer within ${spokenDuration(timeoutMs)}: unlock it if it asks, and try again.`,
          });
        }),
      ]);
    } catch (error) {
      if (error instanceof KeychainUnavailableError || error instanceof KeychainBlockedError) throw error;
      throw keychainFailure(error);
    } finally {
      timeout.abort();
    }
  }
}
