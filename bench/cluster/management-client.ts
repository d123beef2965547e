/**
 * A lean PostToConnection client for the benchmark: SigV4 from `@smithy/signature-v4` (the signer
 * the AWS SDK uses) over one keep-alive `http.Agent`, without the SDK's middleware stack, so the
 * load generator's CPU goes to requests, not to the client (one SDK call costs several times the
 * gateway's work on a 2-core machine).
 */
import { Agent, request } from 'node:http';
import { SignatureV4 } from '@smithy/signature-v4';
import { NodeSha256 } from '../../src/gateway/auth/sigv4-verifier.js';

export interface PostResult {
  readonly status: number;
  readonly ms: number;
}

export class ManagementClient {
  private readonly agent: Agent;
  private readonly signer: SignatureV4;

  constructor(credentials: { accessKeyId: string; secretAccessKey: string }, maxSockets: number, region = 'us-east-1') {
    this.agent = new Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
    this.signer = new SignatureV4({ credentials, region, service: 'execute-api', sha256: NodeSha256 });
  }

  /** POST `data` to `connectionId` through the gateway at `port` (stage `stage`); resolves with the status and the time it took, signing included. */
  public async post(port: number, stage: string, connectionId: string, data: string): Promise<PostResult> {
    const started = performance.now();
    const path = `/${stage}/@connections/${encodeURIComponent(connectionId)}`;
    const host = `127.0.0.1:${port}`;
    const signed = await this.signer.sign({
      method: 'POST', protocol: 'http:', hostname: '127.0.0.1', port, path, query: {},
      headers: { host, 'content-type': 'application/octet-stream', 'content-length': String(Buffer.byteLength(data)) },
      body: data,
    });
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ agent: this.agent, host: '127.0.0.1', port, method: 'POST', path, headers: signed.headers }, (res) => {
        res.resume();
        res.once('end', () => resolve(res.statusCode ?? 0));
        res.once('error', reject);
      });
      req.once('error', reject);
      req.end(data);
    });
    return { status, ms: performance.now() - started };
  }

  public close(): void {
    this.agent.destroy();
  }
}
