/**
 * Verifies AWS Signature Version 4 on an incoming HTTP request, in both forms: the
 * `Authorization: AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...` header, and
 * the presigned query string (`X-Amz-Algorithm`, `X-Amz-Credential`, `X-Amz-Date`,
 * `X-Amz-Expires`, `X-Amz-SignedHeaders`, `X-Amz-Signature`, `X-Amz-Security-Token`), which is how
 * a browser signs a WebSocket handshake.
 *
 * The expected signature is computed by `@smithy/signature-v4` (canonical request, string to
 * sign, signing key) over exactly the headers the client listed in SignedHeaders, with the path
 * URI-encoded once more (`uriEscapePath`: the SDK signs `%3D` as `%253D` and `@` as `%40`). Its
 * `sign()`/`presign()` are not used because they add headers of their own (`x-amz-date`, the
 * session token, the payload hash) and would sign those, not the client's list.
 *
 * Checks, in order: form and parts (IncompleteSignature), credential scope (region, service,
 * terminator; date against the request date), request date within the clock skew (header form) or
 * within X-Amz-Expires (presigned), access key known and session token the issued one, signature.
 */
import { createHash, createHmac, timingSafeEqual, type Hash, type Hmac } from 'node:crypto';
import { ALGORITHM_IDENTIFIER, SignatureV4Base, UNSIGNED_PAYLOAD, getCanonicalHeaders, getSigningKey, type SignatureV4 } from '@smithy/signature-v4';
import { AUTH_ERRORS, AUTH_MESSAGES, authFailure, type AuthFailure } from './auth-errors.js';

/** The request as the gateway received it. */
export interface SignedHttpRequest {
  readonly method: string;
  /** The request target exactly as received (`req.url`): the raw path, then `?` and the raw query. */
  readonly rawUrl: string;
  /** Header values by lower-case name (`req.headersDistinct` or `req.headers`); repeated values are joined with `,`. */
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  /**
   * The body bytes, or `'UNSIGNED-PAYLOAD'` when the caller does not read a body (the WebSocket
   * handshake): the payload hash is then the declared `x-amz-content-sha256`, else that of an
   * empty body or the literal `UNSIGNED-PAYLOAD` (presigners use either).
   */
  readonly body: Uint8Array | typeof UNSIGNED_PAYLOAD;
}

/** The secret side of an access key. */
export interface SigningSecret {
  readonly secretAccessKey: string;
  /** The session token issued with temporary credentials; requests must carry exactly this one. */
  readonly sessionToken?: string;
}

export interface SigV4VerifierOptions<C extends SigningSecret> {
  /** The gateway's region: the credential scope must name it. */
  readonly region: string;
  /** @default 'execute-api' */
  readonly service?: string;
  /** The credentials of an access key id; undefined for an unknown one. */
  readonly lookup: (accessKeyId: string) => C | undefined;
  /** @default () => new Date() */
  readonly clock?: () => Date;
  /**
   * How far the date of a header-signed request may be from the gateway's clock. AWS answers
   * execute-api requests outside 5 minutes with "Signature expired: ... (... - 5 min.)".
   * @default 300_000
   */
  readonly maxClockSkewMs?: number;
}

/** A verified request: the access key and its credentials. */
export interface SigV4Verified<C> {
  readonly ok: true;
  readonly accessKeyId: string;
  readonly credentials: C;
  readonly form: 'header' | 'query';
}

export type SigV4Result<C> = SigV4Verified<C> | { readonly ok: false; readonly failure: AuthFailure };

type HttpRequest = Parameters<SignatureV4['presign']>[0];
type SourceData = string | ArrayBuffer | ArrayBufferView;

const EMPTY_SHA256 = createHash('sha256').digest('hex');
/** AWS refuses presigned URLs valid for longer than a week. */
const MAX_EXPIRES_SECONDS = 604_800;
const DEFAULT_MAX_CLOCK_SKEW_MS = 5 * 60_000;
const ISO_BASIC = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
const QUERY_PARAMS = ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Date', 'X-Amz-Expires', 'X-Amz-SignedHeaders', 'X-Amz-Signature'] as const;

/**
 * SHA-256 and HMAC-SHA256 from node:crypto, in the shape `@smithy/signature-v4` asks for (its
 * `sha256` option); also what a tool or test signing for the gateway can pass to `SignatureV4`.
 */
export class NodeSha256 {
  private readonly hash: Hash | Hmac;

  constructor(secret?: SourceData) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }

  public update(data: SourceData): void {
    this.hash.update(bytes(data));
  }

  public digest(): Promise<Uint8Array> {
    return Promise.resolve(this.hash.digest());
  }
}

function bytes(data: SourceData): Uint8Array {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return new Uint8Array(data);
}

/** Exposes the library's canonical request and string to sign (protected in SignatureV4Base). */
class Canonicalizer extends SignatureV4Base {
  constructor(region: string, service: string) {
    // The credentials are never used: each verification derives the key of the request's access key.
    super({ region, service, credentials: { accessKeyId: '', secretAccessKey: '' }, sha256: NodeSha256, uriEscapePath: true });
  }

  public canonicalRequest(request: HttpRequest, headers: Record<string, string>, payloadHash: string): string {
    return this.createCanonicalRequest(request, headers, payloadHash);
  }

  public stringToSign(longDate: string, scope: string, canonicalRequest: string): Promise<string> {
    return this.createStringToSign(longDate, scope, canonicalRequest, ALGORITHM_IDENTIFIER);
  }
}

/** What a request says about its signature, before any check against credentials. */
interface SignatureClaim {
  readonly form: 'header' | 'query';
  readonly credential: string;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
  /** The request date (`X-Amz-Date`, or the `Date` header) in ISO basic format, and as epoch milliseconds. */
  readonly date: { readonly longDate: string; readonly time: number };
  readonly expiresSeconds?: number;
  readonly sessionToken?: string;
}

/** Verifies SigV4 signatures for one region and service. */
export class SigV4Verifier<C extends SigningSecret> {
  private readonly service: string;
  private readonly clock: () => Date;
  private readonly maxClockSkewMs: number;
  private readonly canonicalizer: Canonicalizer;

  constructor(private readonly options: SigV4VerifierOptions<C>) {
    this.service = options.service ?? 'execute-api';
    this.clock = options.clock ?? (() => new Date());
    this.maxClockSkewMs = options.maxClockSkewMs ?? DEFAULT_MAX_CLOCK_SKEW_MS;
    this.canonicalizer = new Canonicalizer(options.region, this.service);
  }

  /** Verifies one request. */
  public async verify(request: SignedHttpRequest): Promise<SigV4Result<C>> {
    const { path, query } = parseTarget(request.rawUrl);
    const headers = lowerCaseHeaders(request.headers);
    const claim = readClaim(headers, query);
    if ('failure' in claim) return { ok: false, failure: claim.failure };

    const parts = claim.credential.split('/');
    if (parts.length !== 5) {
      return refuse(AUTH_ERRORS.INCOMPLETE_SIGNATURE, `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${claim.credential}'`);
    }
    const [accessKeyId, scopeDate, region, service, terminator] = parts;
    const scopeErrors = [
      region !== this.options.region ? `Credential should be scoped to a valid region, not '${region}'. ` : '',
      service !== this.service ? `Credential should be scoped to correct service: '${this.service}'. ` : '',
      terminator !== 'aws4_request' ? `Credential should be scoped with a valid terminator: 'aws4_request', not '${terminator}'. ` : '',
    ].join('');
    if (scopeErrors) return refuse(AUTH_ERRORS.INVALID_SCOPE, scopeErrors);
    const shortDate = claim.date.longDate.slice(0, 8);
    if (scopeDate !== shortDate) {
      return refuse(AUTH_ERRORS.INVALID_SCOPE, `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scopeDate}' != '${shortDate}', from '${claim.date.longDate}'.`);
    }
    if (!claim.signedHeaders.includes('host') && !claim.signedHeaders.includes(':authority')) {
      return refuse(AUTH_ERRORS.INCOMPLETE_SIGNATURE, AUTH_MESSAGES.HOST_NOT_SIGNED);
    }
    const expired = this.checkTime(claim);
    if (expired) return { ok: false, failure: expired };

    const credentials = this.options.lookup(accessKeyId);
    if (!credentials || !sameSecret(credentials.sessionToken, claim.sessionToken)) {
      return refuse(AUTH_ERRORS.INVALID_SECURITY_TOKEN, AUTH_MESSAGES.INVALID_SECURITY_TOKEN);
    }

    const signed: Record<string, string> = {};
    for (const name of claim.signedHeaders) if (headers[name] !== undefined) signed[name] = headers[name];
    const httpRequest: HttpRequest = {
      method: request.method.toUpperCase(),
      protocol: 'https:',
      hostname: headers.host ?? '',
      path,
      query,
      headers: signed,
    };
    const canonicalHeaders = getCanonicalHeaders(httpRequest, undefined, new Set(claim.signedHeaders)) as Record<string, string>;
    const scope = `${scopeDate}/${region}/${service}/${terminator}`;
    const key = await getSigningKey(NodeSha256, { accessKeyId, secretAccessKey: credentials.secretAccessKey, sessionToken: credentials.sessionToken }, shortDate, region, service);
    let first: { canonical: string; stringToSign: string } | undefined;
    for (const payloadHash of payloadHashes(request.body, headers, query)) {
      const canonical = this.canonicalizer.canonicalRequest(httpRequest, canonicalHeaders, payloadHash);
      const stringToSign = await this.canonicalizer.stringToSign(claim.date.longDate, scope, canonical);
      const hmac = new NodeSha256(key);
      hmac.update(stringToSign);
      const expected = Buffer.from(await hmac.digest()).toString('hex');
      if (sameSecret(expected, claim.signature)) return { ok: true, accessKeyId, credentials, form: claim.form };
      first ??= { canonical, stringToSign };
    }
    return refuse(AUTH_ERRORS.SIGNATURE_MISMATCH,
      `${AUTH_MESSAGES.SIGNATURE_MISMATCH}\n\nThe Canonical String for this request should have been\n'${first!.canonical}'\n\nThe String-to-Sign should have been\n'${first!.stringToSign}'\n`);
  }

  /** A refusal when the request is dated outside its window. */
  private checkTime(claim: SignatureClaim): AuthFailure | undefined {
    const now = this.clock().getTime();
    const skewMinutes = `${Math.round(this.maxClockSkewMs / 60_000)} min.`;
    if (claim.date.time > now + this.maxClockSkewMs) {
      return authFailure(AUTH_ERRORS.SIGNATURE_EXPIRED,
        `Signature not yet current: ${claim.date.longDate} is still later than ${isoBasic(now + this.maxClockSkewMs)} (${isoBasic(now)} + ${skewMinutes})`);
    }
    if (claim.expiresSeconds !== undefined) {
      if (now > claim.date.time + claim.expiresSeconds * 1000) {
        return authFailure(AUTH_ERRORS.SIGNATURE_EXPIRED,
          `Signature expired: ${claim.date.longDate} is now earlier than ${isoBasic(now - claim.expiresSeconds * 1000)} (${isoBasic(now)} - ${claim.expiresSeconds} sec.)`);
      }
      return undefined;
    }
    if (claim.date.time < now - this.maxClockSkewMs) {
      return authFailure(AUTH_ERRORS.SIGNATURE_EXPIRED,
        `Signature expired: ${claim.date.longDate} is now earlier than ${isoBasic(now - this.maxClockSkewMs)} (${isoBasic(now)} - ${skewMinutes})`);
    }
    return undefined;
  }
}

function refuse(kind: (typeof AUTH_ERRORS)[keyof typeof AUTH_ERRORS], message: string): { ok: false; failure: AuthFailure } {
  return { ok: false, failure: authFailure(kind, message) };
}

/** Reads the signature's parts from the Authorization header or the query string. */
function readClaim(headers: Record<string, string>, query: Record<string, string | string[]>): SignatureClaim | { failure: AuthFailure } {
  const authorization = headers.authorization;
  if (authorization !== undefined) return readHeaderClaim(authorization, headers);
  const param = (name: string) => { const v = query[name]; return Array.isArray(v) ? v[0] : v; };
  if (!QUERY_PARAMS.some((name) => param(name) !== undefined)) {
    return { failure: authFailure(AUTH_ERRORS.MISSING_AUTHENTICATION_TOKEN, AUTH_MESSAGES.MISSING_AUTHENTICATION_TOKEN) };
  }
  const missing = QUERY_PARAMS.filter((name) => !param(name));
  if (missing.length > 0) {
    return { failure: authFailure(AUTH_ERRORS.INCOMPLETE_SIGNATURE, missing.map((name) => `AWS query-string parameters must include '${name}'.`).join(' ') + ' Re-examine the query-string parameters.') };
  }
  if (param('X-Amz-Algorithm') !== ALGORITHM_IDENTIFIER) {
    return { failure: authFailure(AUTH_ERRORS.INCOMPLETE_SIGNATURE, `X-Amz-Algorithm only supports "${ALGORITHM_IDENTIFIER}"`) };
  }
  const expires = param('X-Amz-Expires')!;
  if (!/^\d+$/.test(expires)) return { failure: authFailure(AUTH_ERRORS.INCOMPLETE_SIGNATURE, 'X-Amz-Expires should be a number') };
  if (Number(expires) > MAX_EXPIRES_SECONDS) {
    return { failure: authFailure(AUTH_ERRORS.INCOMPLETE_SIGNATURE, `X-Amz-Expires must be less than a week (in seconds) that is ${MAX_EXPIRES_SECONDS}`) };
  }
  const date = readDate(param('X-Amz-Date')!);
  if ('failure' in date) return date;
  return {
    form: 'query',
    credential: param('X-Amz-Credential')!,
    signedHeaders: param('X-Amz-SignedHeaders')!.split(';'),
    signature: param('X-Amz-Signature')!,
    date,
    expiresSeconds: Number(expires),
    sessionToken: param('X-Amz-Security-Token'),
  };
}

function readHeaderClaim(authorization: string, headers: Record<string, string>): SignatureClaim | { failure: AuthFailure } {
  const incomplete = (message: string) => ({ failure: authFailure(AUTH_ERRORS.INCOMPLETE_SIGNATURE, message) });
  const space = authorization.indexOf(' ');
  const algorithm = space < 0 ? authorization : authorization.slice(0, space);
  const fields = new Map<string, string>();
  for (const part of (space < 0 ? '' : authorization.slice(space + 1)).split(',').map((p) => p.trim()).filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq < 0) return incomplete(`'${part}' not a valid key=value pair (missing equal-sign) in Authorization header: '${authorization}'.`);
    fields.set(part.slice(0, eq), part.slice(eq + 1));
  }
  const rawDate = headers['x-amz-date'] ?? headers.date;
  const missing = [
    ...['Credential', 'Signature', 'SignedHeaders'].filter((k) => !fields.get(k)).map((k) => `Authorization header requires '${k}' parameter.`),
    ...(rawDate === undefined ? ["Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."] : []),
  ];
  if (missing.length > 0) return incomplete(`${missing.join(' ')} Authorization=${authorization}`);
  if (algorithm !== ALGORITHM_IDENTIFIER) {
    // wsgate's wording: AWS's for other algorithms (e.g. SigV4a) on execute-api is not known.
    return incomplete(`Authorization header requires the '${ALGORITHM_IDENTIFIER}' algorithm, got '${algorithm}'.`);
  }
  const date = headers['x-amz-date'] !== undefined ? readDate(headers['x-amz-date']) : readHttpDate(rawDate!);
  if ('failure' in date) return date;
  return {
    form: 'header',
    credential: fields.get('Credential')!,
    signedHeaders: fields.get('SignedHeaders')!.split(';'),
    signature: fields.get('Signature')!,
    date,
    sessionToken: headers['x-amz-security-token'],
  };
}

function readDate(raw: string): SignatureClaim['date'] | { failure: AuthFailure } {
  const m = ISO_BASIC.exec(raw);
  const time = m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) : NaN;
  if (!m || Number.isNaN(time) || isoBasic(time) !== raw) {
    return { failure: authFailure(AUTH_ERRORS.INCOMPLETE_SIGNATURE, `Date must be in ISO-8601 'basic format'. Got '${raw}'. See http://en.wikipedia.org/wiki/ISO_8601`) };
  }
  return { longDate: raw, time };
}

/** A `Date` header (RFC 7231), used when there is no `X-Amz-Date`. */
function readHttpDate(raw: string): SignatureClaim['date'] | { failure: AuthFailure } {
  const time = Date.parse(raw);
  if (Number.isNaN(time)) {
    return { failure: authFailure(AUTH_ERRORS.INCOMPLETE_SIGNATURE, `Date must be in ISO-8601 'basic format'. Got '${raw}'. See http://en.wikipedia.org/wiki/ISO_8601`) };
  }
  return { longDate: isoBasic(time), time };
}

function isoBasic(time: number): string {
  return new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

/** The payload hashes a client may have signed, the most likely first. */
function payloadHashes(body: SignedHttpRequest['body'], headers: Record<string, string>, query: Record<string, string | string[]>): string[] {
  const queryDeclared = query['X-Amz-Content-Sha256'];
  const declared = headers['x-amz-content-sha256'] ?? (Array.isArray(queryDeclared) ? queryDeclared[0] : queryDeclared);
  if (declared === UNSIGNED_PAYLOAD) return [UNSIGNED_PAYLOAD];
  if (body !== UNSIGNED_PAYLOAD) return [createHash('sha256').update(body).digest('hex')];
  return declared !== undefined ? [declared] : [EMPTY_SHA256, UNSIGNED_PAYLOAD];
}

/** Constant-time equality of two secrets (signatures, session tokens); both absent is equal. */
function sameSecret(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Header values by lower-case name, repeated values joined with `,`. */
function lowerCaseHeaders(headers: SignedHttpRequest['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = typeof value === 'string' ? value : value.join(',');
  }
  return out;
}

/** The raw path and the decoded query parameters of a request target. */
function parseTarget(rawUrl: string): { path: string; query: Record<string, string | string[]> } {
  const target = rawUrl.startsWith('/') ? rawUrl : rawUrl.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '') || '/';
  const q = target.indexOf('?');
  const path = q < 0 ? target : target.slice(0, q);
  const query: Record<string, string | string[]> = {};
  for (const part of (q < 0 ? '' : target.slice(q + 1)).split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const key = decode(eq < 0 ? part : part.slice(0, eq));
    const value = eq < 0 ? '' : decode(part.slice(eq + 1));
    const existing = query[key];
    query[key] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  return { path, query };
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
