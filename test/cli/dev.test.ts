import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TestClient } from '../gateway/support/client.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

const APP = `import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, Stack } from 'wsgate';
import { WebSocketApi, WebSocketStage } from 'wsgate/aws-apigatewayv2';
import { WebSocketLambdaIntegration } from 'wsgate/aws-apigatewayv2-integrations';
import { Runtime } from 'wsgate/aws-lambda';
import { NodejsFunction } from 'wsgate/aws-lambda-nodejs';

const here = dirname(fileURLToPath(import.meta.url));
const app = new App();
const stack = new Stack(app, 'DevStack');
const fn = (id: string, file: string) => new NodejsFunction(stack, id, { entry: join(here, file), runtime: Runtime.NODEJS_22_X });
const echo = fn('Echo', 'echo.ts');
const api = new WebSocketApi(stack, 'Api', { apiName: 'devtest', defaultRouteOptions: { integration: new WebSocketLambdaIntegration('EchoIntegration', echo), returnResponse: true } });
api.addRoute('count', { integration: new WebSocketLambdaIntegration('CountIntegration', fn('Count', 'count.ts')), returnResponse: true });
// ROUTES
new WebSocketStage(stack, 'Dev', { webSocketApi: api, stageName: 'dev', autoDeploy: true });
app.synth();
`;

const ECHO = (tag: string) => `import { prefix } from './prefix.js';

export const handler = async (event: { body?: string }): Promise<{ statusCode: number; body: string }> => {
  console.log('echoing', event.body);
  return { statusCode: 200, body: \`\${prefix}${tag}:\${event.body ?? ''}\` };
};
`;

const COUNT = `let count = 0;

export const handler = async (): Promise<{ statusCode: number; body: string }> => ({ statusCode: 200, body: \`count:\${++count}\` });
`;

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: true, noEmit: true,
    types: ['node'], customConditions: ['wsgate-source'],
  },
};

/** A small project in a temporary directory that imports wsgate (and TypeScript, for type checking) from this repository. */
function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wsgate-dev-'));
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(repo, join(dir, 'node_modules', 'wsgate'), 'dir');
  symlinkSync(join(repo, 'node_modules', 'typescript'), join(dir, 'node_modules', 'typescript'), 'dir');
  symlinkSync(join(repo, 'node_modules', '@types'), join(dir, 'node_modules', '@types'), 'dir');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'dev-fixture', private: true, type: 'module' }));
  writeFileSync(join(dir, 'package-lock.json'), JSON.stringify({ name: 'dev-fixture', lockfileVersion: 3, packages: {} }));
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(TSCONFIG));
  writeFileSync(join(dir, 'app.ts'), APP);
  writeFileSync(join(dir, 'echo.ts'), ECHO('v1'));
  writeFileSync(join(dir, 'prefix.ts'), `export const prefix: string = '';\n`);
  writeFileSync(join(dir, 'count.ts'), COUNT);
  return dir;
}

/** `wsgate dev` running in a directory, with its output collected. */
class DevProcess {
  public output = '';
  public readonly exited: Promise<number | null>;
  private readonly child;
  private waiters: Array<() => void> = [];

  constructor(cwd: string, args: string[]) {
    this.child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), join(repo, 'src/cli/main.ts'), 'dev', ...args], {
      cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' },
    });
    const collect = (d: Buffer) => {
      this.output += d.toString();
      for (const w of this.waiters.splice(0)) w();
    };
    this.child.stdout.on('data', collect);
    this.child.stderr.on('data', collect);
    this.exited = new Promise((r) => this.child.once('exit', (code) => r(code)));
  }

  /** Waits until the output matches `pattern` `times` times (counting from the start). */
  public async waitFor(pattern: RegExp, times = 1, timeoutMs = 90_000): Promise<void> {
    const global = new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`);
    const count = () => [...this.output.matchAll(global)].length;
    const deadline = Date.now() + timeoutMs;
    while (count() < times) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no ${pattern} (×${times}) within ${timeoutMs} ms; output:\n${this.output}`);
      await new Promise<void>((r) => {
        const timer = setTimeout(r, left);
        this.waiters.push(() => { clearTimeout(timer); r(); });
      });
    }
  }

  public kill(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }
}

const ask = async (client: TestClient, message: string): Promise<string> => {
  client.send(message);
  return client.next(30_000);
};

describe('wsgate dev', { timeout: 400_000 }, () => {
  test('GIVEN a connected client WHEN handlers and the app are edited THEN its next messages get the new code on the same connection, and broken edits print file and line while the last good version serves', async () => {
    const dir = project();
    const dev = new DevProcess(dir, ['app.ts', '--port', '0', '--no-tls']);
    try {
      await dev.waitFor(/ws:\/\/127\.0\.0\.1:\d+\/dev/);
      const url = /(ws:\/\/127\.0\.0\.1:\d+\/dev)/.exec(dev.output)![1];
      assert.match(dev.output, /metrics\s+http:\/\/127\.0\.0\.1:\d+\/metrics/);
      assert.match(dev.output, /@connections\s+http:\/\/127\.0\.0\.1:\d+\/dev\/@connections/);
      const client = await TestClient.connect(url);
      assert.equal(await ask(client, 'hello'), 'v1:hello');
      assert.equal(await ask(client, JSON.stringify({ action: 'count' })), 'count:1');
      // The request log names the route and status, and shows the handler's output under it.
      await dev.waitFor(/\$default\s+200\s+\d+ms\s+\S+\n\s+│ echoing hello/);

      // WHEN a module the handler imports is edited THEN the next message gets the new code
      writeFileSync(join(dir, 'prefix.ts'), `export const prefix: string = '>';\n`);
      await dev.waitFor(/✓ reloaded/, 1);
      assert.match(dev.output, /1 handler echo\.ts/);
      assert.equal(await ask(client, 'again'), '>v1:again');

      // WHEN the handler gets a syntax error THEN it is printed with file and line, and the old code answers
      writeFileSync(join(dir, 'echo.ts'), ECHO('v2').replace('return {', 'return {{'));
      await dev.waitFor(/✗ build failed/, 1);
      assert.match(dev.output, /echo\.ts:5:\d+\s+syntax error:/);
      assert.match(dev.output, /still serving the last good version/);
      assert.equal(await ask(client, 'still'), '>v1:still');

      // WHEN it gets a type error THEN the same
      writeFileSync(join(dir, 'echo.ts'), ECHO('v2').replace("event.body ?? ''", 'event.body.length'));
      await dev.waitFor(/✗ build failed/, 2);
      assert.match(dev.output, /echo\.ts:5:\d+\s+type error: .*\(TS18048\)/);
      assert.equal(await ask(client, 'typed'), '>v1:typed');

      // WHEN the edit is fixed THEN the new code answers; the other handler stayed warm
      writeFileSync(join(dir, 'echo.ts'), ECHO('v3'));
      await dev.waitFor(/✓ reloaded/, 2);
      assert.equal(await ask(client, 'fixed'), '>v3:fixed');
      assert.equal(await ask(client, JSON.stringify({ action: 'count' })), 'count:2');

      // WHEN the app adds a route THEN the connected client can use it, and unchanged handlers stay warm
      writeFileSync(join(dir, 'app.ts'), APP.replace('// ROUTES', "api.addRoute('shout', { integration: new WebSocketLambdaIntegration('ShoutIntegration', echo), returnResponse: true });"));
      await dev.waitFor(/✓ reloaded/, 3);
      assert.match(dev.output, /\+route devtest shout/);
      assert.equal(await ask(client, JSON.stringify({ action: 'shout' })), '>v3:{"action":"shout"}');
      assert.equal(await ask(client, JSON.stringify({ action: 'count' })), 'count:3');

      // WHEN the app fails to synthesize THEN the error is printed with its line, and the last version serves
      writeFileSync(join(dir, 'app.ts'), APP.replace('// ROUTES', "throw new Error('boom in the app');"));
      await dev.waitFor(/✗ build failed/, 3);
      const routesLine = APP.split('\n').findIndex((l) => l.includes('// ROUTES')) + 1;
      assert.match(dev.output, new RegExp(`app\\.ts:${routesLine}:\\d+\\s+synth error: Error: boom in the app`));
      assert.equal(await ask(client, JSON.stringify({ action: 'shout' })), '>v3:{"action":"shout"}');
      assert.equal(client.closed, undefined);

      // THEN SIGTERM closes the client with 1001 and exits 0
      dev.kill('SIGTERM');
      assert.equal((await client.waitClosed(30_000)).code, 1001);
      assert.equal(await dev.exited, 0);
    } finally {
      dev.kill('SIGKILL');
    }
  });

  test('--help lists the options with their environment variables; a missing app is a usage error', async () => {
    const help = new DevProcess(repo, ['--help']);
    assert.equal(await help.exited, 0);
    for (const flag of ['--port', '--in-process', '--no-typecheck', 'WSGATE_PORT', 'WSGATE_IN_PROCESS', 'NO_COLOR']) assert.ok(help.output.includes(flag), flag);
    const dir = mkdtempSync(join(tmpdir(), 'wsgate-dev-'));
    const missing = new DevProcess(dir, ['nope.ts']);
    assert.equal(await missing.exited, 2);
    assert.match(missing.output, /no such file: nope\.ts/);
  });
});
