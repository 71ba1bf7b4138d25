import { homedir } from 'node:os';
import { type Command, Option } from 'commander';
import { awsConfigPath } from '../../core/aws-files/aws-config-file.js';
import type { ChainedProfileForm } from '../../core/aws-files/profiles.js';
import { checkProfileTemplate, DEFAULT_PROFILE_TEMPLATE } from '../../core/aws-files/profile-template.js';
import { awsProfilesBlock, writeAwsProfiles } from '../../core/use-cases/aws-profiles.js';
import type { CliServices } from '../cli-services.js';
import { thisKeylessCommand } from '../this-keyless-command.js';

const CHAINED_FORMS: ChainedProfileForm[] = ['credential-process', 'source-profile'];

/** How credential_process runs this Keyless: absolute paths, so SDKs started outside a shell find it too. */
function keylessCommand(): string[] {
  return thisKeylessCommand(process);
}

/** `keyless aws-config [--write]`: credential_process profiles for every account and role, in a managed block of ~/.aws/config. */
export function registerAwsConfigCommand(
  program: Command,
  services: () => Promise<CliServices>,
  print: (text: string) => void,
  warn: (text: string) => void,
): void {
  program
    .command('aws-config')
    .description('print (or --write) AWS CLI profiles for every account, role and chained role, using credential_process')
    .option('--write', 'write them into the managed block of ~/.aws/config (or AWS_CONFIG_FILE)')
    .option('--session <name>', 'only this session (default: every session with a listed account)')
    .option('--template <template>', 'profile names from {account}, {id}, {role}, {session}; clashes gain the role, session or id', DEFAULT_PROFILE_TEMPLATE)
    .option('--share-sign-in', 'also share the sign-in with the AWS CLI and SDKs through ~/.aws/sso/cache, kept fresh by Keyless')
    .option('--no-share-sign-in', "stop sharing the sign-in, removing Keyless's file from ~/.aws/sso/cache")
    .addOption(
      new Option('--chained-as <form>', "chained roles' profiles: Keyless's credential_process, or role_arn with source_profile for the AWS CLI to assume")
        .choices(CHAINED_FORMS)
        .default('credential-process'),
    )
    .action(async (options: { write?: boolean; session?: string; template: string; shareSignIn?: boolean; chainedAs: ChainedProfileForm }) => {
      // A template that would be refused anyway stops the command before it shares a sign-in.
      checkProfileTemplate(options.template);
      const context = await services();
      if (options.shareSignIn !== undefined) {
        // Only an Identity Center sign-in can be shared: naming another kind is refused in one sentence.
        const sessions = options.session ? [context.records.session(options.session)] : context.records.sessions();
        for (const session of sessions) await context.signIn.shareWithAwsCli(session.name, options.shareSignIn);
        warn(
          `${options.shareSignIn ? 'Sharing' : 'No longer sharing'} the sign-in of ${sessions.map((session) => `"${session.name}"`).join(', ')} with the AWS CLI.`,
        );
      }
      const request = {
        path: awsConfigPath(process.env, homedir()),
        command: keylessCommand(),
        template: options.template,
        chainedAs: options.chainedAs,
        ...(options.session ? { session: options.session } : {}),
      };
      const warnSkipped = (skipped: string[]) => {
        for (const name of skipped) {
          const saml = context.records.anySession(name).kind === 'saml';
          warn(
            saml
              ? `Skipping "${name}": it has not signed in yet (open Keyless and sign in to it).`
              : `Skipping "${name}": its accounts have not been listed yet (run: keyless accounts ${name}).`,
          );
        }
      };
      // Written, the block keeps what other sessions (and ones not listed yet) have in it now; printed, it shows only what this run makes.
      if (!options.write) {
        const { block, skipped } = awsProfilesBlock(context, request);
        warnSkipped(skipped);
        print(block);
        return;
      }
      const { sentence, skipped } = await writeAwsProfiles(context, request);
      warnSkipped(skipped);
      print(sentence);
    });
}
