/** The version both ends write on every line; a line of another version is refused, since the CLI and the tray were updated apart. */
export const TRAY_LINK_VERSION = 1;

/** The longest line either end accepts, in bytes: requests are a few names, so anything longer is refused before it is parsed. */
export const MAX_LINE_BYTES = 4096;

/** The fields each request kind carries (every one a non-empty string), as a table: the kinds the tray answers and their shape. */
export const REQUEST_FIELDS = {
  ping: [],
  'show-sign-in': ['session'],
  'renew-role-credentials': ['session', 'accountId', 'roleName'],
} as const satisfies Readonly<Record<string, readonly string[]>>;

export type TrayRequestKind = keyof typeof REQUEST_FIELDS;

/** One request: its kind and that kind's fields. */
export type TrayRequest = {
  [K in TrayRequestKind]: { kind: K } & { [F in (typeof REQUEST_FIELDS)[K][number]]: string };
}[TrayRequestKind];

export type TrayRequestOf<K extends TrayRequestKind> = Extract<TrayRequest, { kind: K }>;

/** What the tray answers each kind with. Renewed credentials go to the keychain, not over the socket, so the answer holds only their expiry. */
export interface TrayResults {
  ping: Record<string, never>;
  'show-sign-in': Record<string, never>;
  'renew-role-credentials': { expiration: string };
}

/** One answer line: a result, or the one sentence saying why there is none. */
export type TrayAnswer<K extends TrayRequestKind = TrayRequestKind> = { ok: true; result: TrayResults[K] } | { ok: false; error: string };

/** The longest field value accepted: session names, account ids and role names are all far shorter. */
const MAX_FIELD_LENGTH = 256;

/** Sentences for a request the tray refuses; the CLI shows them as they are, so each says what to do. */
export const REFUSALS = {
  notJson: 'The Keyless tray received a request that is not JSON: update the keyless command to match the tray.',
  version: 'The keyless command and the running Keyless tray are different versions: quit and reopen Keyless, then try again.',
  unknownKind: 'The running Keyless tray does not know this request: update Keyless so the command and the tray match.',
  shape: 'The Keyless tray received a request with missing or unexpected fields: update the keyless command to match the tray.',
  tooLong: 'The Keyless tray refused a request longer than it accepts: update the keyless command to match the tray.',
} as const;

/** One line, with its version, ready to write. */
export function encodeLine(message: object): string {
  return `${JSON.stringify({ v: TRAY_LINK_VERSION, ...message })}\n`;
}

/** A request line checked against the table: the request, or the sentence refusing it. */
export function parseRequest(line: string): { request: TrayRequest } | { refusal: string } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { refusal: REFUSALS.notJson };
  }
  if (!isRecord(value)) return { refusal: REFUSALS.shape };
  if (value.v !== TRAY_LINK_VERSION) return { refusal: REFUSALS.version };
  const { v: _version, kind, ...fields } = value;
  if (typeof kind !== 'string' || !Object.hasOwn(REQUEST_FIELDS, kind)) return { refusal: REFUSALS.unknownKind };
  const expected: readonly string[] = REQUEST_FIELDS[kind as TrayRequestKind];
  const names = Object.keys(fields);
  const fits = names.length === expected.length && expected.every((name) => isFieldValue(fields[name]));
  return fits ? { request: { kind, ...fields } as TrayRequest } : { refusal: REFUSALS.shape };
}

/** An answer line as the client reads it: the answer, or undefined when the line is not one. */
export function parseAnswer(line: string): TrayAnswer | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (!isRecord(value) || value.v !== TRAY_LINK_VERSION) return undefined;
  if (value.ok === true && isRecord(value.result)) return { ok: true, result: value.result as TrayResults[TrayRequestKind] };
  if (value.ok === false && typeof value.error === 'string') return { ok: false, error: value.error };
  return undefined;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const isFieldValue = (value: unknown) => typeof value === 'string' && value.length > 0 && value.length <= MAX_FIELD_LENGTH;
