/**
 * The servers the benchmark drives, each in its own process so its CPU and memory are its own:
 * `raw` is a bare `ws` echo server (the baseline); `isolated` and `in-process` are wsgate serving a
 * two-way `$default` route whose Lambda handler echoes the body.
 *
 * Run as `node --import tsx bench/echo-servers.ts <kind>`; prints `PORT <n>` when listening.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocketServer } from 'ws';
import { Gateway } from '../src/gateway/gateway.js';

const ECHO_TEMPLATE = {
  Resources: {
    Api: { Type: 'AWS::ApiGatewayV2::Api', Properties: { Name: 'bench', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action' } },
    Stage: { Type: 'AWS::ApiGatewayV2::Stage', Properties: { ApiId: { Ref: 'Api' }, StageName: 'bench' } },
    Echo: { Type: 'AWS::Lambda::Function', Properties: { Runtime: 'nodejs22.x', Handler: 'index.handler', MemorySize: 1024, Code: { ZipFile: 'exports.handler = async (event) => ({ statusCode: 200, body: event.body });' } } },
    Integ: { Type: 'AWS::ApiGatewayV2::Integration', Properties: { ApiId: { Ref: 'Api' }, IntegrationType: 'AWS_PROXY', IntegrationUri: { 'Fn::Sub': 'arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Echo.Arn}/invocations' } } },
    Route: { Type: 'AWS::ApiGatewayV2::Route', Properties: { ApiId: { Ref: 'Api' }, RouteKey: '$default', Target: { 'Fn::Sub': 'integrations/${Integ}' }, RouteResponseSelectionExpression: '$default' } },
    Response: { Type: 'AWS::ApiGatewayV2::RouteResponse', Properties: { ApiId: { Ref: 'Api' }, RouteId: { Ref: 'Route' }, RouteResponseKey: '$default' } },
  },
};

async function main(kind: string): Promise<void> {
  if (kind === 'raw') {
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false, maxPayload: 128 * 1024 });
    wss.on('connection', (ws) => ws.on('message', (data) => ws.send(data.toString())));
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
    const address = wss.address();
    process.stdout.write(`PORT ${address && typeof address === 'object' ? address.port : String(address)} /\n`);
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'wsgate-bench-'));
    writeFileSync(join(dir, 'bench.json'), JSON.stringify(ECHO_TEMPLATE));
    const gateway = await Gateway.start(join(dir, 'bench.json'), {
      log: false,
      invocationMode: kind === 'in-process' ? 'in-process' : 'isolated',
    });
    process.stdout.write(`PORT ${gateway.port} /bench\n`);
  }
  process.stdin.resume();
  process.stdin.on('end', () => process.exit(0));
}

await main(process.argv[2] ?? 'raw');
