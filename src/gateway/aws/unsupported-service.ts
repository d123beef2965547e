/**
 * The endpoint for the AWS services wsgate does not serve. Every function gets `AWS_ENDPOINT_URL`
 * (the AWS SDKs' endpoint for any service that has no `AWS_ENDPOINT_URL_{SERVICE}` of its own)
 * pointing at this HTTP server on 127.0.0.1, so a handler's call to, say, S3 or EventBridge fails at
 * once with an error naming the service and the variable that would point it at a local emulator
 * or another endpoint (`AWS_ENDPOINT_URL_S3`, `AWS_ENDPOINT_URL_EVENTBRIDGE`), instead of going to
 * AWS with credentials AWS does not know. The gateway also logs one warning line per function and
 * service.
 *
 * What it does not change: a service the gateway serves has its own variable
 * (`AWS_ENDPOINT_URL_DYNAMODB`), a variable the function's own environment sets wins over the
 * gateway's, and an endpoint given in code (as handlers give the management API client) wins over
 * both, so those calls go where they went before.
 *
 * The service is read from the SDK's user agent (`api/{serviceId}#{version}`, whose id gives the
 * variable's name: `secrets-manager` → `AWS_ENDPOINT_URL_SECRETS_MANAGER`), else from the SigV4
 * credential scope's signing name. The operation comes from `X-Amz-Target`, the `Action` of a query
 * request, or S3's `x-id`. The answer has the shape of the service's protocol, so the SDK raises
 * `WsgateUnservedServiceException` with the message: XML for query protocols (SNS, STS, EC2) and
 * REST-XML services (S3, CloudFront, Route 53), JSON otherwise.
 *
 * Limits: the SQS client sends each call to the host of its `QueueUrl` (the SDK's
 * `useQueueUrlAsEndpoint`), so a call with a real queue URL goes there, not here; a HEAD request
 * (S3 HeadObject) has no body, so the SDK sees only the status; SDK versions that predate these
 * variables do not read them and are not redirected.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CredentialStore } from '../auth/credential-store.js';
import { UNSERVED_SERVICE_ERROR } from './local-aws-errors.js';

/** The variable that points every AWS service without its own variable at an endpoint. */
export const GLOBAL_ENDPOINT_VARIABLE = 'AWS_ENDPOINT_URL';

/** Signing names whose SDK service id, and so whose variable, differs from the name. */
const VARIABLE_BY_SIGNING_NAME: Readonly<Record<string, string>> = {
  events: 'EVENTBRIDGE',
  logs: 'CLOUDWATCH_LOGS',
  monitoring: 'CLOUDWATCH',
  states: 'SFN',
  secretsmanager: 'SECRETS_MANAGER',
  'cognito-idp': 'COGNITO_IDENTITY_PROVIDER',
  'execute-api': 'APIGATEWAYMANAGEMENTAPI',
};
const REST_XML = new Set(['s3', 's3-control', 'cloudfront', 'route-53', 'route53']);
/** How much of a body is read to find a query request's Action; the rest is discarded. */
const MAX_INSPECTED_BYTES = 64 * 1024;

export interface UnsupportedServiceEndpointOptions {
  /** Tells which function signed a call (its session name), for the warning. */
  readonly credentials: CredentialStore;
  readonly warn: (message: string) => void;
}

/** What a call says about itself. */
export interface UnservedCall {
  /** The SDK's service id (`s3`, `secrets-manager`), else the signing name; undefined for an unsigned call without a user agent. */
  readonly service?: string;
  /** `AWS_ENDPOINT_URL_{SERVICE}`, or the pattern when the service is unknown. */
  readonly variable: string;
  readonly operation?: string;
  /** The access key the call was signed with. */
  readonly accessKeyId?: string;
  /** The answer's shape. */
  readonly protocol: 'json' | 'query-xml' | 'ec2-xml' | 'rest-xml';
}

/** A running endpoint. */
export class UnsupportedServiceEndpoint {
  public static async start(options: UnsupportedServiceEndpointOptions): Promise<UnsupportedServiceEndpoint> {
    const endpoint = new UnsupportedServiceEndpoint(options);
    await new Promise<void>((resolve, reject) => {
      endpoint.server.once('error', reject);
      endpoint.server.listen(0, '127.0.0.1', () => { endpoint.server.off('error', reject); resolve(); });
    });
    return endpoint;
  }

  private readonly server: Server;
  private readonly warned = new Set<string>();

  private constructor(private readonly options: UnsupportedServiceEndpointOptions) {
    this.server = createServer((req, res) => {
      readStart(req, MAX_INSPECTED_BYTES).then((body) => this.answer(req, body, res), () => res.destroy());
    });
  }

  /** `http://127.0.0.1:{port}`: the value of `AWS_ENDPOINT_URL`. */
  public get endpoint(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  public async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  private answer(req: IncomingMessage, body: string, res: ServerResponse): void {
    const call = describeCall(req, body);
    const name = call.service ?? 'an AWS service';
    // DynamoDB has its own endpoint when the templates have tables, so a DynamoDB call lands here only when they have none.
    const why = call.service === 'dynamodb' ? ' (it serves DynamoDB for the tables of the served templates, and they have none)' : '';
    const message = `wsgate does not serve ${name} locally${why}: this ${call.operation ? `${call.operation} ` : ''}call went to wsgate's endpoint for the AWS services it does not serve (${GLOBAL_ENDPOINT_VARIABLE}). `
      + `Set ${call.variable} in the function's environment to the endpoint of a local emulator or of the service, or give the client an endpoint.`;
    const principal = call.accessKeyId ? this.options.credentials.lookup(call.accessKeyId)?.principal : undefined;
    const caller = principal?.kind === 'role' ? `function ${principal.arn.slice(principal.arn.lastIndexOf('/') + 1)}` : (principal?.arn ?? 'a caller');
    const key = `${caller}\0${name}`;
    if (!this.warned.has(key)) {
      this.warned.add(key);
      this.options.warn(`[wsgate] ${caller} called ${name}${call.operation ? ` (${call.operation})` : ''}, which wsgate does not serve; set ${call.variable} in its environment to reach an endpoint`);
    }
    const { status, headers, body: text } = unservedResponse(call, message, randomUUID());
    res.writeHead(status, headers).end(req.method === 'HEAD' ? undefined : text);
  }
}

/** Reads what identifies a call: its service, operation and signer. */
export function describeCall(req: Pick<IncomingMessage, 'headers' | 'url'>, body: string): UnservedCall {
  const headers = req.headers;
  const userAgent = `${String(headers['x-amz-user-agent'] ?? '')} ${String(headers['user-agent'] ?? '')}`;
  const serviceId = /(?:^|\s)api\/([^#\s]+)#/.exec(userAgent)?.[1]?.toLowerCase();
  const url = new URL(req.url ?? '/', 'http://local');
  const credential = /Credential=([^,\s]+)/.exec(String(headers.authorization ?? ''))?.[1] ?? url.searchParams.get('X-Amz-Credential') ?? undefined;
  const [accessKeyId, , , signingName] = credential?.split('/') ?? [];
  const service = serviceId ?? signingName;
  const variable = serviceId ? `AWS_ENDPOINT_URL_${serviceId.replace(/-/g, '_').toUpperCase()}`
    : signingName ? `AWS_ENDPOINT_URL_${VARIABLE_BY_SIGNING_NAME[signingName] ?? signingName.replace(/[-.]/g, '_').toUpperCase()}`
      : 'AWS_ENDPOINT_URL_{SERVICE}';
  const contentType = String(headers['content-type'] ?? '');
  const isQuery = contentType.startsWith('application/x-www-form-urlencoded');
  const operation = String(headers['x-amz-target'] ?? '').split('.').pop()
    || (isQuery ? new URLSearchParams(body).get('Action') : undefined)
    || url.searchParams.get('x-id')
    || undefined;
  const protocol = isQuery ? (service === 'ec2' ? 'ec2-xml' : 'query-xml') : service !== undefined && REST_XML.has(service) ? 'rest-xml' : 'json';
  return { service, variable, operation, accessKeyId, protocol };
}

/** The answer in the call's protocol, so the SDK raises the error with its message. */
export function unservedResponse(call: UnservedCall, message: string, requestId: string): { status: number; headers: Record<string, string>; body: string } {
  const code = UNSERVED_SERVICE_ERROR.code;
  const xml = (text: string) => ({ status: UNSERVED_SERVICE_ERROR.status, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId }, body: `<?xml version="1.0" encoding="UTF-8"?>\n${text}` });
  const error = `<Code>${code}</Code><Message>${escapeXml(message)}</Message>`;
  switch (call.protocol) {
    case 'query-xml': return xml(`<ErrorResponse><Error><Type>Sender</Type>${error}</Error><RequestId>${requestId}</RequestId></ErrorResponse>`);
    case 'ec2-xml': return xml(`<Response><Errors><Error>${error}</Error></Errors><RequestID>${requestId}</RequestID></Response>`);
    case 'rest-xml': return xml(`<Error>${error}<RequestId>${requestId}</RequestId></Error>`);
    default: return {
      status: UNSERVED_SERVICE_ERROR.status,
      // x-amzn-query-error: JSON services that keep their query protocol's error codes (SQS) read the code from it.
      headers: { 'content-type': 'application/json', 'x-amzn-errortype': code, 'x-amzn-query-error': `${code};Sender`, 'x-amzn-requestid': requestId },
      body: JSON.stringify({ __type: code, message }),
    };
  }
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The first `limit` bytes of the body as text; the rest is read and discarded. */
function readStart(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      if (size < limit) chunks.push(chunk);
      size += chunk.length;
    });
    req.on('end', () => resolve(Buffer.concat(chunks).subarray(0, limit).toString('utf8')));
    req.on('error', reject);
  });
}
