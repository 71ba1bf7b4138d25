import { join } from 'node:path';
import { oidcBaseUrl, portalBaseUrl } from '../../aws/aws-endpoints.js';
import { readAwsConfig } from '../../aws-files/aws-config-sections.js';
import { sentenceFor } from '../../errors/keyless-error.js';
import { readCaBundle } from '../../net/ca-bundle.js';
import type { CheckLine, DoctorContext } from './doctor-context.js';

type Check = (context: DoctorContext) => Promise<CheckLine[]>;

const ok = (text: string): CheckLine => ({ status: 'ok', text });
const fail = (text: string): CheckLine => ({ status: 'fail', text });

const MINIMUM_NODE_MAJOR = 20;
/** Beyond this, AWS refuses signed requests and sign-in times go wrong. */
const MAX_CLOCK_SKEW_MS = 5 * 60_000;
const KEYLESS_FILES = ['config.json', 'accounts.json'];

async function nodeVersion(context: DoctorContext): Promise<CheckLine[]> {
  const major = Number(context.nodeVersion.split('.')[0]);
  return major >= MINIMUM_NODE_MAJOR
    ? [ok(`Node.js ${context.nodeVersion}.`)]
    : [fail(`Node.js ${context.nodeVersion} is too old: install Node.js ${MINIMUM_NODE_MAJOR} or later.`)];
}

async function keychain(context: DoctorContext): Promise<CheckLine[]> {
  try {
    await context.probeKeychain();
    return [ok('The OS keychain is available.')];
  } catch (error) {
    return [fail(`${sentenceFor(error)} Start or unlock your OS keychain for Keyless to remember sign-ins.`)];
  }
}

async function keylessFiles(context: DoctorContext): Promise<CheckLine[]> {
  return Promise.all(
    KEYLESS_FILES.map(async (name) => {
      const path = join(context.dataDirectory, name);
      const text = await context.readText(path);
      if (text === undefined) return ok(`${path} does not exist yet.`);
      try {
        JSON.parse(text);
        return ok(`${path} parses.`);
      } catch {
        return fail(`${path} is not valid JSON: fix it by hand, or move it away to start afresh.`);
      }
    }),
  );
}

async function network(context: DoctorContext): Promise<CheckLine[]> {
  const { httpsProxy, caBundlePath } = context.network;
  const lines: CheckLine[] = [];
  const proxy = httpsProxy && URL.canParse(httpsProxy) ? new URL(httpsProxy) : undefined;
  if (!httpsProxy) lines.push(ok('No proxy is set (Settings, HTTPS_PROXY or HTTP_PROXY).'));
  else if (proxy && /^https?:$/.test(proxy.protocol) && proxy.host) lines.push(ok(`Proxy ${proxy.host} is set.`));
  else lines.push(fail('The proxy set is not an http:// or https:// URL: set it in Settings, like http://proxy.example.com:8080.'));
  if (!caBundlePath) lines.push(ok('No extra CA bundle is set (Settings, AWS_CA_BUNDLE or NODE_EXTRA_CA_CERTS).'));
  else {
    try {
      readCaBundle(caBundlePath);
      lines.push(ok(`CA bundle ${caBundlePath} holds certificates.`));
    } catch (error) {
      lines.push(fail(sentenceFor(error)));
    }
  }
  return lines;
}

async function reachability(context: DoctorContext): Promise<CheckLine[]> {
  if (context.sessions.length === 0) return [ok('No sessions to reach yet: add one with keyless sessions add.')];
  const targets = context.sessions.flatMap((session) => [
    { session: session.name, what: 'sign-in', url: oidcBaseUrl(session.region, context.endpoints) },
    { session: session.name, what: 'portal', url: portalBaseUrl(session.region, context.endpoints) },
  ]);
  return Promise.all(
    targets.map(async ({ session, what, url }) => {
      try {
        await context.get(url);
        return ok(`${session}: reached the ${what} endpoint ${url}.`);
      } catch (error) {
        return fail(`${session}: ${sentenceFor(error)}`);
      }
    }),
  );
}

async function clock(context: DoctorContext): Promise<CheckLine[]> {
  const url = oidcBaseUrl(context.sessions[0]?.region ?? 'us-east-1', context.endpoints);
  let date: string | undefined;
  try {
    date = (await context.get(url)).date;
  } catch {
    return [{ status: 'warn', text: `Could not compare the clock with AWS: ${url} did not answer.` }];
  }
  const skewMs = date ? context.now() - Date.parse(date) : NaN;
  if (Number.isNaN(skewMs)) return [{ status: 'warn', text: `Could not compare the clock with AWS: ${url} sent no Date.` }];
  const seconds = Math.round(Math.abs(skewMs) / 1000);
  if (Math.abs(skewMs) > MAX_CLOCK_SKEW_MS) {
    return [fail(`This machine's clock is ${seconds} seconds ${skewMs > 0 ? 'ahead of' : 'behind'} AWS: turn on automatic time (NTP).`)];
  }
  return [ok(`The clock is within ${Math.max(seconds, 1)} seconds of AWS.`)];
}

/** A profile whose credential_process runs `keyless credential-process --session NAME`, as `keyless aws-config` writes. */
const isKeylessProfile = (command: string | undefined) => command !== undefined && /\bcredential-process\b.*\s--session\s+\S/.test(command);

async function awsConfig(context: DoctorContext): Promise<CheckLine[]> {
  const path = context.awsConfigPath;
  const text = await context.readText(path);
  if (text === undefined) return [ok(`${path} does not exist: keyless aws-config --write creates it.`)];
  const { sections, problems } = readAwsConfig(text);
  if (problems.length > 0) {
    return [fail(`${path} line ${problems[0]!.line} is neither a [section] nor a setting: the AWS CLI cannot read the file until it is fixed.`)];
  }
  const profiles = sections.filter((section) => section.kind === 'profile');
  const keyless = profiles.filter((section) => isKeylessProfile(section.values.credential_process)).map((section) => section.name);
  const named = keyless.length > 5 ? `${keyless.slice(0, 5).join(', ')} and ${keyless.length - 5} more` : keyless.join(', ');
  return [ok(`${path} parses: ${profiles.length} profiles, ${keyless.length} of them Keyless's${keyless.length ? ` (${named})` : ''}.`)];
}

/** Every check, in the order the report shows them: a name and the function that looks. */
export const DOCTOR_CHECKS: readonly { name: string; check: Check }[] = [
  { name: 'node', check: nodeVersion },
  { name: 'keychain', check: keychain },
  { name: 'files', check: keylessFiles },
  { name: 'network', check: network },
  { name: 'reach', check: reachability },
  { name: 'clock', check: clock },
  { name: 'aws config', check: awsConfig },
];

/** Runs every check; a check that throws becomes a failed line rather than ending the report. */
export async function runDoctor(context: DoctorContext): Promise<(CheckLine & { name: string })[]> {
  const results = await Promise.all(
    DOCTOR_CHECKS.map(async ({ name, check }) => {
      try {
        return (await check(context)).map((line) => ({ name, ...line }));
      } catch (error) {
        return [{ name, status: 'fail' as const, text: sentenceFor(error) }];
      }
    }),
  );
  return results.flat();
}
