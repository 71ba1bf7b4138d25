import { KeylessError } from '../errors/keyless-error.js';
import { readPreference, writePreference } from './preferences.js';
import type { SettingsStore } from '../storage/settings-store.js';
import type { SecretStore } from '../vault/secret-store.js';

/** The keychain entry that holds the password of the proxy set in Settings, with the proxy (scheme, user, host) it belongs to. */
export const PROXY_PASSWORD_ACCOUNT = 'network/proxy-password';

/** The keychain cannot keep the proxy password, and Keyless never writes it to a file. */
export class ProxyPasswordNotKeptError extends KeylessError {
  constructor() {
    super('Keyless keeps a proxy password only in the system keychain, which is not available: unlock or start your keychain, then save the proxy again.');
  }
}

/** Keeps a proxy URL's own form (no trailing slash added) after the URL class edited it. */
function sameForm(original: string, edited: URL): string {
  return original.endsWith('/') ? edited.href : edited.href.replace(/\/$/, '');
}

/** A URL's userinfo is percent-encoded; a lone "%" someone typed is taken as itself. */
function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The proxy URL without its password, and the password (decoded) when it had one. */
export function withoutPassword(proxy: string): { url: string; password?: string } {
  let url: URL;
  try {
    url = new URL(proxy);
  } catch {
    return { url: proxy };
  }
  if (url.password === '') return { url: proxy };
  const password = decoded(url.password);
  url.password = '';
  return { url: sameForm(proxy, url), password };
}

/** The proxy URL with the password put back in, percent-encoded as the proxy agent decodes it. */
export function withPassword(proxy: string, password: string): string {
  const url = new URL(proxy);
  url.password = encodeURIComponent(password);
  return sameForm(proxy, url);
}

/** Whether two proxy URLs name the same user at the same proxy, so a kept password still belongs to the new one. */
export function sameProxyUser(a: string, b: string): boolean {
  try {
    const [left, right] = [new URL(a), new URL(b)];
    return left.username !== '' && left.protocol === right.protocol && left.host === right.host && left.username === right.username;
  } catch {
    return false;
  }
}

/** Keeps the password of this proxy's user in the keychain; refuses, keeping nothing, when only memory would hold it. */
export async function keepProxyPassword(store: SecretStore, proxy: string, password: string): Promise<void> {
  await store.set(PROXY_PASSWORD_ACCOUNT, JSON.stringify({ proxy: withoutPassword(proxy).url, password }));
  if (!store.persistent) {
    await store.delete(PROXY_PASSWORD_ACCOUNT);
    throw new ProxyPasswordNotKeptError();
  }
}

/** The kept password if it belongs to this proxy's user and host (a hand-edited proxy elsewhere never gets it); null otherwise. */
export async function keptProxyPassword(store: SecretStore, proxy: string): Promise<string | null> {
  const text = await store.get(PROXY_PASSWORD_ACCOUNT);
  if (!text) return null;
  try {
    const kept = JSON.parse(text) as { proxy?: unknown; password?: unknown };
    return typeof kept.proxy === 'string' && typeof kept.password === 'string' && sameProxyUser(kept.proxy, proxy) ? kept.password : null;
  } catch {
    return null;
  }
}

/** Forgets the kept proxy password. */
export async function forgetProxyPassword(store: SecretStore): Promise<void> {
  await store.delete(PROXY_PASSWORD_ACCOUNT);
}

/** Moves a password hand-written into config.json's proxy URL to the keychain; without a keychain it stays where the person put it. */
export async function moveProxyPasswordToKeychain(settings: SettingsStore, store: SecretStore): Promise<void> {
  const { url, password } = withoutPassword(readPreference(settings, 'proxy'));
  if (!password) return;
  try {
    await keepProxyPassword(store, url, password);
  } catch (error) {
    if (error instanceof ProxyPasswordNotKeptError) return;
    throw error;
  }
  writePreference(settings, 'proxy', url);
}
