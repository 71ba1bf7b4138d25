/** What a secret issued to a test is (a fake's kinds, and the ID tokens of the test OpenID provider). */
export type RegisteredSecretKind = string;

// On globalThis, so the fake, the OpenID provider harness and the leak search share one registry even if a module loads twice.
const REGISTRY = Symbol.for('keyless.test.issuedSecrets');
const ALLOWED = Symbol.for('keyless.test.filesWithSecretsOnPurpose');
type Registry = Map<string, RegisteredSecretKind>;
type Holder = { [REGISTRY]?: Registry; [ALLOWED]?: Set<string> };

function registry(): Registry {
  return ((globalThis as Holder)[REGISTRY] ??= new Map());
}

function allowed(): Set<string> {
  return ((globalThis as Holder)[ALLOWED] ??= new Set());
}

// Shorter strings could match by chance; every secret issued in the tests is far longer.
const SHORTEST_NEEDLE = 24;

/** Remembers a secret issued during this test file, with the forms it could take in a file (URL-encoded; a SAML assertion's signature). */
export function registerSecret(kind: RegisteredSecretKind, value: string): void {
  for (const needle of needlesOf(kind, value)) if (needle.length >= SHORTEST_NEEDLE) registry().set(needle, kind);
}

/** Every secret registered since the last `forgetSecrets()`: search text → kind. */
export function registeredSecrets(): ReadonlyMap<string, RegisteredSecretKind> {
  return registry();
}

/** Files this test file writes secrets to on purpose (an AWS CLI credentials file it made, a fake credential_process's output). */
export function allowSecretsIn(...paths: string[]): void {
  for (const path of paths) allowed().add(path);
}

/** The files `allowSecretsIn` named. */
export function filesWithSecretsOnPurpose(): ReadonlySet<string> {
  return allowed();
}

/** Forgets every secret and allowed file (a new test file starts). */
export function forgetSecrets(): void {
  registry().clear();
  allowed().clear();
}

function needlesOf(kind: RegisteredSecretKind, value: string): string[] {
  const needles = [value, encodeURIComponent(value)];
  if (kind === 'SAML assertion') needles.push(...signatureValues(value));
  return needles;
}

/** The signature values inside a base64 SAML response, so the decoded XML written anywhere is found too. */
function signatureValues(samlResponse: string): string[] {
  const xml = Buffer.from(samlResponse, 'base64').toString('utf8');
  return [...xml.matchAll(/<(?:\w+:)?SignatureValue>([^<]+)</g)].map((match) => match[1]!.replace(/\s+/g, ''));
}
