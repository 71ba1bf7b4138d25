import { InvalidSettingError } from '../errors/keyless-error.js';
import { readAwsConfig } from '../aws-files/aws-config-file.js';
import { type FoundSsoSession, ssoSessionsInAwsConfig } from '../aws-files/aws-config-sso.js';
import type { SessionRecords } from '../sso/session-records.js';
import { type SsoSession, normaliseStartUrl, validateSsoSession } from '../sso/sso-session.js';

/** What importing one sign-in from an AWS config file does: add it as a session, or skip it and say why. */
export type ImportStep = { from: string; add: SsoSession } | { from: string; skip: string };

function isSameSession(session: SsoSession, candidate: SsoSession): boolean {
  try {
    return (
      session.name.toLowerCase() === candidate.name.trim().toLowerCase() &&
      session.startUrl === normaliseStartUrl(candidate.startUrl) &&
      session.region === candidate.region.trim().toLowerCase()
    );
  } catch {
    // Not a start URL at all: validation below says so.
    return false;
  }
}

/** Decides each found sign-in against the sessions kept and those added before it, with the same rules as `sessions add`; changes nothing. */
export function planSessionImport(found: readonly FoundSsoSession[], existing: readonly SsoSession[]): ImportStep[] {
  const kept = [...existing];
  return found.map((candidate): ImportStep => {
    if ('problem' in candidate) return { from: candidate.from, skip: candidate.problem };
    const same = kept.find((session) => isSameSession(session, candidate));
    if (same) return { from: candidate.from, skip: `Session "${same.name}" is already this sign-in.` };
    try {
      const session = validateSsoSession(candidate, kept);
      kept.push(session);
      return { from: candidate.from, add: session };
    } catch (error) {
      if (!(error instanceof InvalidSettingError)) throw error;
      return { from: candidate.from, skip: error.message };
    }
  });
}

/** Adds the sessions a plan adds; returns them. */
export function applySessionImport(records: Pick<SessionRecords, 'addSession'>, plan: readonly ImportStep[]): SsoSession[] {
  return plan.flatMap((step) => ('add' in step ? [records.addSession(step.add)] : []));
}

/** The plan for the sign-ins in the AWS config file at `path` (none when there is no file); an unreadable file throws its sentence. */
export async function planSessionImportFrom(path: string, records: Pick<SessionRecords, 'sessions'>): Promise<ImportStep[]> {
  const { text } = await readAwsConfig(path);
  return planSessionImport(ssoSessionsInAwsConfig(text), records.sessions());
}

/** Adds, of the sessions the file at `path` would add now, those named; returns them. */
export async function importChosenSessions(
  path: string,
  records: Pick<SessionRecords, 'sessions' | 'addSession'>,
  names: readonly string[],
): Promise<SsoSession[]> {
  const plan = await planSessionImportFrom(path, records);
  return applySessionImport(
    records,
    plan.filter((step) => 'add' in step && names.includes(step.add.name)),
  );
}
