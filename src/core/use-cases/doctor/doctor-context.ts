import type { AwsEndpoints } from '../../aws/aws-endpoints.js';
import type { HttpGet } from '../../net/http-get.js';
import type { ResolvedNetworkSettings } from '../../net/network-settings.js';
import type { SsoSession } from '../../sso/sso-session.js';

/** What the doctor looks at, passed in so the same checks run against the real machine and in tests. */
export interface DoctorContext {
  nodeVersion: string;
  dataDirectory: string;
  /** A file's text, or undefined when it does not exist. */
  readText(path: string): Promise<string | undefined>;
  /** Reads the keychain once; throws (with one sentence) when it cannot be used. */
  probeKeychain(): Promise<void>;
  /** The sessions as config.json holds them (none when it cannot be read). */
  sessions: SsoSession[];
  network: ResolvedNetworkSettings;
  endpoints: AwsEndpoints;
  /** A GET through the same proxies and CA bundle as every AWS call. */
  get: HttpGet;
  awsConfigPath: string;
  now(): number;
}

/** One line of the doctor's report: how the check went, and what it found or what to do. */
export interface CheckLine {
  status: 'ok' | 'warn' | 'fail';
  text: string;
}
