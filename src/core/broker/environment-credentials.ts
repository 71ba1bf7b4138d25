import { NoEnvironmentCredentialsError } from './broker-errors.js';
import { environmentRegion, type SourceCredentials } from './source-credentials.js';

/** The credentials in AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and (for temporary ones) AWS_SESSION_TOKEN, as the AWS SDKs read them. */
export function environmentCredentials(env: NodeJS.ProcessEnv): SourceCredentials {
  const accessKeyId = env.AWS_ACCESS_KEY_ID?.trim();
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY?.trim();
  if (!accessKeyId || !secretAccessKey) {
    throw new NoEnvironmentCredentialsError([...(accessKeyId ? [] : ['AWS_ACCESS_KEY_ID']), ...(secretAccessKey ? [] : ['AWS_SECRET_ACCESS_KEY'])]);
  }
  const sessionToken = env.AWS_SESSION_TOKEN?.trim();
  const region = environmentRegion(env);
  return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}), source: 'the environment', ...(region ? { region } : {}) };
}
