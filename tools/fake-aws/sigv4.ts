import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** The parts of a received request that SigV4 covers. */
export interface SignedRequest {
  method: string;
  /** The path as received, before the query. */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** What the Authorization header claims: who signed, when, and for which region and service. */
export interface SigV4Claim {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
  amzDate: string;
}

const AUTHORIZATION = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

/** Whether the request carries a SigV4 Authorization header at all, well formed or not. */
export function claimsSigV4(request: SignedRequest): boolean {
  return (header(request, 'authorization') ?? '').startsWith('AWS4-HMAC-SHA256');
}

/** Reads the Authorization header, or undefined when it is missing or incomplete (no credential scope, signed headers, signature or date). */
export function readSigV4Claim(request: SignedRequest): SigV4Claim | undefined {
  const match = AUTHORIZATION.exec(header(request, 'authorization') ?? '');
  const amzDate = header(request, 'x-amz-date');
  if (!match || !amzDate) return undefined;
  const [, accessKeyId, date, region, service, signedHeaders, signature] = match as unknown as [string, string, string, string, string, string, string];
  return { accessKeyId, date, region, service, signedHeaders: signedHeaders.split(';'), signature, amzDate };
}

/** Whether the claim's signature is the one the secret key makes over this request (AWS Signature Version 4). */
export function signatureMatches(request: SignedRequest, claim: SigV4Claim, secretAccessKey: string): boolean {
  // The body as received, not the hash the client claims in x-amz-content-sha256: a body changed after signing no longer matches.
  const payloadHash = sha256(request.body);
  const canonicalRequest = [
    request.method,
    request.path,
    canonicalQuery(request.query),
    claim.signedHeaders.map((name) => `${name}:${(header(request, name) ?? '').trim().replace(/\s+/g, ' ')}\n`).join(''),
    claim.signedHeaders.join(';'),
    payloadHash,
  ].join('\n');
  const scope = `${claim.date}/${claim.region}/${claim.service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', claim.amzDate, scope, sha256(canonicalRequest)].join('\n');
  const signingKey = [claim.date, claim.region, claim.service, 'aws4_request'].reduce<Buffer | string>(
    (key, part) => hmac(key, part),
    `AWS4${secretAccessKey}`,
  );
  const expected = Buffer.from(hmac(signingKey, stringToSign).toString('hex'));
  const given = Buffer.from(claim.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

function canonicalQuery(query: URLSearchParams): string {
  const pairs = [...query.entries()].map(([name, value]): [string, string] => [encodeRfc3986(name), encodeRfc3986(value)]);
  const byNameThenValue = (x: [string, string], y: [string, string]) => (x[0] === y[0] ? compare(x[1], y[1]) : compare(x[0], y[0]));
  return pairs
    .sort(byNameThenValue)
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

function compare(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

function encodeRfc3986(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function header(request: SignedRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function hmac(key: Buffer | string, text: string): Buffer {
  return createHmac('sha256', key).update(text, 'utf8').digest();
}
