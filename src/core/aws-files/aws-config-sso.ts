import { readAwsConfig } from './aws-config-sections.js';

/** An IAM Identity Center sign-in an AWS config file describes, ready to become a Keyless session, or why it cannot. */
export type FoundSsoSession = { from: string; name: string } & ({ startUrl: string; region: string } | { problem: string });

/**
 * The sign-ins an AWS config file describes: each `[sso-session NAME]`, and each legacy profile with `sso_start_url` and no
 * `sso_session` (named after the profile), in file order.
 */
export function ssoSessionsInAwsConfig(text: string): FoundSsoSession[] {
  return readAwsConfig(text)
    .sections.filter(
      (section) => section.kind === 'sso-session' || (section.kind === 'profile' && section.values.sso_start_url !== undefined && !section.values.sso_session),
    )
    .map((section) => {
      const { sso_start_url: startUrl, sso_region: region } = section.values;
      const missing = [!startUrl && 'sso_start_url', !region && 'sso_region'].filter(Boolean).join(' and ');
      if (missing) return { from: section.header, name: section.name, problem: `${section.header} has no ${missing}.` };
      return { from: section.header, name: section.name, startUrl: startUrl!, region: region! };
    });
}
