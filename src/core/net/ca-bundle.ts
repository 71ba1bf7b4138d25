import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import { CaBundleError } from './network-errors.js';

/** Node's trusted roots plus the PEM file's certificates; a CaBundleError when the file is missing, unreadable or holds no certificate. */
export function readCaBundle(path: string): string[] {
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CaBundleError(path, (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : 'it cannot be read');
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw new CaBundleError(path, 'it holds no PEM certificate');
  // Extra roots join Node's own, as AWS_CA_BUNDLE does for the AWS CLI.
  return [...rootCertificates, pem];
}
