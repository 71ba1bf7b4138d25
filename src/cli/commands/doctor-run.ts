import { readTextIfPresent } from '../../core/storage/text-if-present.js';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { endpointsFromEnvironment } from '../../core/aws/aws-endpoints.js';
import { awsConfigPath } from '../../core/aws-files/aws-config-file.js';
import { readNetworkSettings, resolveNetworkSettings } from '../../core/net/network-settings.js';
import { httpFromSettings } from '../../core/settings/http-from-settings.js';
import { SessionRecords } from '../../core/sso/session-records.js';
import { keylessDataDirectory } from '../../core/storage/data-directory.js';
import type { SettingsStore } from '../../core/storage/settings-store.js';
import { runDoctor } from '../../core/use-cases/doctor/doctor-checks.js';
import type { CheckLine } from '../../core/use-cases/doctor/doctor-context.js';
import { KeytarSecretStore } from '../../core/vault/keytar-secret-store.js';
import { table } from './table.js';

const STATUS_WORDS: Record<CheckLine['status'], string> = { ok: 'ok', warn: 'warn', fail: 'FAIL' };

/** config.json as it is on disk, read without the settings store, so a broken file is reported rather than stopping the doctor. */
async function settingsSnapshot(path: string): Promise<SettingsStore> {
  let stored: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse((await readTextIfPresent(path)) ?? '{}');
    if (typeof parsed === 'object' && parsed !== null) stored = parsed as Record<string, unknown>;
  } catch {
    // The files check reports it.
  }
  const refuse = () => {
    throw new Error('The doctor only reads the settings.');
  };
  return { get: (key) => stored[key], set: refuse, delete: refuse };
}

/** Runs every doctor check and prints one line each; exit code 1 when one fails. Loaded only by `keyless doctor` (it brings the network stack). */
export async function runDoctorCommand(print: (text: string) => void): Promise<void> {
  const env = process.env;
  const dataDirectory = keylessDataDirectory(process.platform, env, homedir());
  const settings = await settingsSnapshot(join(dataDirectory, 'config.json'));
  const keychain = new KeytarSecretStore();
  const sessions = new SessionRecords(settings).sessions();
  const http = httpFromSettings(settings, env, { keychain, onUnusableCaBundle: () => undefined });
  const lines = await runDoctor({
    nodeVersion: process.versions.node,
    dataDirectory,
    readText: readTextIfPresent,
    // The first session's entry when there is one: reading a real entry is what a locked keychain refuses.
    probeKeychain: async () => void (await keychain.get(sessions[0] ? `sso-session/${sessions[0].name}` : 'doctor/probe')),
    sessions,
    network: resolveNetworkSettings(env, readNetworkSettings(settings.get('network'))),
    endpoints: endpointsFromEnvironment(env),
    get: http.get,
    awsConfigPath: awsConfigPath(env, homedir()),
    now: Date.now,
  });
  http.retire();
  print(table(lines.map((line) => [STATUS_WORDS[line.status], line.name, line.text])));
  if (lines.some((line) => line.status === 'fail')) process.exitCode = 1;
}
