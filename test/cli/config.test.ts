import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { defineCommand, parseCommand, renderHelp, UsageError, type CommandSpec, type OptionSpec } from '../../src/cli/config.js';
import { CONNECTIONS_COMMAND } from '../../src/cli/connections.js';
import { SERVE_COMMAND } from '../../src/cli/serve.js';
import { SYNTH_COMMAND } from '../../src/cli/synth.js';

const COMMAND = defineCommand({
  name: 'serve',
  usage: 'wsgate serve [input]',
  summary: 'A command for the tests.',
  options: {
    input: { type: 'string', positional: 0, default: 'cdk.out', description: 'what to serve' },
    port: { type: 'number', env: 'WSGATE_PORT', default: 8080, min: 0, max: 65535, placeholder: 'N', description: 'port' },
    iam: { type: 'string', env: 'WSGATE_IAM', default: 'enforce', choices: ['enforce', 'warn', 'off'], description: 'IAM mode' },
    tls: { type: 'boolean', env: 'WSGATE_TLS', default: true, description: 'TLS' },
    inProcess: { type: 'boolean', env: 'WSGATE_IN_PROCESS', description: 'in process' },
    credentials: { type: 'list', env: 'WSGATE_CREDENTIALS', description: 'credentials' },
    output: { type: 'string', short: 'o', description: 'output' },
    secret: { type: 'string', config: false, description: 'never from the config file' },
  },
  examples: ['wsgate serve cdk.out'],
});

/** A fresh directory holding `files` (name -> JSON value). */
function project(files: Record<string, unknown> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'wsgate-config-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  return dir;
}

const parse = (args: string[], env: Record<string, string> = {}, files: Record<string, unknown> = {}) => parseCommand(COMMAND, args, { env, cwd: project(files) });
const usageError = (pattern: RegExp) => (error: unknown) => {
  assert.ok(error instanceof UsageError, String(error));
  assert.match(error.message, pattern);
  return true;
};

describe('command settings: flag > environment > config file > default', () => {
  test('GIVEN one setting from each source WHEN parsed THEN each value comes from its source', () => {
    const parsed = parse(['--port', '1', 'app.ts'], { WSGATE_IAM: 'warn' }, { 'wsgate.config.json': { inProcess: true } });
    assert.deepEqual(
      { input: parsed.settings.input, port: parsed.settings.port, iam: parsed.settings.iam, inProcess: parsed.settings.inProcess, tls: parsed.settings.tls },
      { input: 'app.ts', port: 1, iam: 'warn', inProcess: true, tls: true },
    );
    assert.deepEqual(
      { input: parsed.sources.input, port: parsed.sources.port, iam: parsed.sources.iam, inProcess: parsed.sources.inProcess, tls: parsed.sources.tls },
      { input: 'argument', port: 'flag', iam: 'env', inProcess: 'config', tls: 'default' },
    );
  });

  test('GIVEN the same setting in every source THEN the flag wins, then the variable, then the config file, then the default', () => {
    const config = { 'wsgate.config.json': { port: 3 } };
    assert.equal(parse(['--port', '1'], { WSGATE_PORT: '2' }, config).settings.port, 1);
    assert.equal(parse([], { WSGATE_PORT: '2' }, config).settings.port, 2);
    assert.equal(parse([], {}, config).settings.port, 3);
    assert.equal(parse([], {}).settings.port, 8080);
    // An empty variable counts as unset.
    assert.equal(parse([], { WSGATE_PORT: '' }, config).settings.port, 3);
  });

  test('GIVEN package.json with a "wsgate" object THEN it is the config file, unless wsgate.config.json exists; --config and WSGATE_CONFIG name another', () => {
    const pkg = { 'package.json': { name: 'app', wsgate: { port: 4 } } };
    assert.equal(parse([], {}, pkg).settings.port, 4);
    assert.equal(parse([], {}, pkg).configFile?.endsWith('package.json'), true);
    assert.equal(parse([], {}, { ...pkg, 'wsgate.config.json': { port: 5 } }).settings.port, 5);
    assert.equal(parse([], {}, { 'package.json': { name: 'no-section' } }).configFile, undefined);
    const files = { ...pkg, 'other.json': { port: 6 } };
    assert.equal(parse(['--config', 'other.json'], {}, files).settings.port, 6);
    assert.equal(parse([], { WSGATE_CONFIG: 'other.json' }, files).settings.port, 6);
    assert.throws(() => parse(['--config', 'missing.json']), usageError(/the config file missing.json does not exist/));
  });

  test('GIVEN a section named after the command THEN it overrides the top level; other commands\' sections and unknown top-level keys are ignored', () => {
    const parsed = parse([], {}, { 'wsgate.config.json': { port: 1, iam: 'off', serve: { port: 2 }, dev: { port: 3, watch: true }, somethingElse: 1 } });
    assert.equal(parsed.settings.port, 2);
    assert.equal(parsed.settings.iam, 'off');
  });

  test('GIVEN an unknown key in the command\'s section THEN a usage error names it, the nearest setting and the settings', () => {
    assert.throws(() => parse([], {}, { 'wsgate.config.json': { serve: { prot: 1 } } }), usageError(/wsgate.config.json: "serve" has no setting "prot" \(did you mean "port"\?\); its settings are input, port, iam/));
    assert.throws(() => parse([], {}, { 'wsgate.config.json': { serve: { secret: 'x' } } }), usageError(/has no setting "secret"/));
  });

  test('GIVEN values of the wrong type THEN the error names where the value came from', () => {
    assert.throws(() => parse(['--port', 'x']), usageError(/^--port must be a number from 0 to 65535, got 'x'$/));
    assert.throws(() => parse(['--port', '70000']), usageError(/^--port must be a number from 0 to 65535, got '70000'$/));
    assert.throws(() => parse([], { WSGATE_PORT: '1.5' }), usageError(/^WSGATE_PORT must be a number from 0 to 65535, got '1.5'$/));
    assert.throws(() => parse([], {}, { 'wsgate.config.json': { port: '80' } }), usageError(/^wsgate.config.json: "port" must be a number/));
    assert.throws(() => parse([], {}, { 'package.json': { wsgate: { serve: { iam: 'strict' } } } }), usageError(/^package.json "wsgate": "serve.iam" must be one of enforce, warn, off, got 'strict'$/));
    assert.throws(() => parse([], { WSGATE_TLS: 'maybe' }), usageError(/^WSGATE_TLS must be true or false/));
    assert.throws(() => parse([], {}, { 'wsgate.config.json': { credentials: [1] } }), usageError(/"credentials" must be a list of strings/));
    assert.throws(() => parse([], {}, { 'wsgate.config.json': '{ "port": 1,' }), usageError(/^wsgate.config.json is not valid JSON .*--config/));
    assert.throws(() => parse([], {}, { 'wsgate.config.json': '[1]' }), usageError(/must hold a JSON object/));
  });

  test('GIVEN booleans THEN --flag and --no-flag set them, the variable takes 1/0, true/false, yes/no, on/off', () => {
    assert.equal(parse(['--no-tls']).settings.tls, false);
    assert.equal(parse(['--in-process']).settings.inProcess, true);
    assert.equal(parse([], { WSGATE_TLS: '0' }).settings.tls, false);
    assert.equal(parse([], { WSGATE_IN_PROCESS: 'yes' }).settings.inProcess, true);
    assert.equal(parse(['--tls'], { WSGATE_TLS: 'off' }).settings.tls, true);
    assert.throws(() => parse(['--tls', '--no-tls']), usageError(/--tls and --no-tls cannot both be given/));
  });

  test('GIVEN lists THEN the flag repeats, the variable splits on spaces, the config file takes an array; the flag replaces the others', () => {
    assert.deepEqual(parse(['--credentials', 'A:1', '--credentials', 'B:2'], { WSGATE_CREDENTIALS: 'C:3' }).settings.credentials, ['A:1', 'B:2']);
    assert.deepEqual(parse([], { WSGATE_CREDENTIALS: ' C:3  D:4 ' }).settings.credentials, ['C:3', 'D:4']);
    assert.deepEqual(parse([], {}, { 'wsgate.config.json': { credentials: ['E:5'] } }).settings.credentials, ['E:5']);
    assert.deepEqual(parse([]).settings.credentials, []);
  });

  test('GIVEN bad flags THEN usage errors say what is wrong: unknown (with the nearest), missing value, value on a switch, extra argument', () => {
    assert.throws(() => parse(['--prot', '1']), usageError(/^unknown option '--prot' \(did you mean --port\?\)$/));
    assert.throws(() => parse(['--port']), usageError(/^--port needs a value$/));
    assert.throws(() => parse(['--in-process=yes']), usageError(/^--in-process takes no value$/));
    assert.throws(() => parse(['a', 'b']), usageError(/^unexpected argument 'b' \(at most 1\)$/));
    assert.equal(parse(['-o', 'out']).settings.output, 'out');
    assert.equal(parse(['--output=out2']).settings.output, 'out2');
  });

  test('GIVEN --help among bad arguments THEN help wins', () => {
    assert.equal(parse(['--bogus', '--help']).help, true);
  });
});

describe('the help of every command', () => {
  const specs: CommandSpec<Record<string, OptionSpec>>[] = [SERVE_COMMAND, SYNTH_COMMAND, CONNECTIONS_COMMAND];
  for (const spec of specs) {
    test(`GIVEN wsgate ${spec.name} --help THEN it shows usage, every flag with its variable and config key, examples, the settings order and the exit codes`, () => {
      const help = renderHelp(spec);
      assert.ok(help.startsWith(`Usage: ${spec.usage}\n`));
      for (const [name, option] of Object.entries(spec.options)) {
        if (option.env) assert.ok(help.includes(`[${option.env}]`), `${spec.name} --help names ${option.env}`);
        if (option.config !== false) assert.ok(help.includes(`{${name}}`), `${spec.name} --help names the config key ${name}`);
      }
      assert.match(help, /\nExamples:\n {2}wsgate /);
      assert.match(help, /a flag wins over its environment variable, which wins over the config file, which wins\nover the default/);
      assert.match(help, /Exit codes: 0 success, 1 failure at run time \(the message says what to do\), 2 bad usage\./);
      assert.match(help, /--config FILE/);
    });
  }
});

/** Runs the real CLI; resolves with its exit code and output. */
function wsgate(args: string[], options: { cwd?: string; env?: Record<string, string>; until?: RegExp } = {}): Promise<{ code: number | null; out: string; err: string }> {
  const main = resolve('src/cli/main.ts');
  const child = spawn(process.execPath, ['--conditions=wsgate-source', '--import', import.meta.resolve('tsx'), main, ...args], {
    cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  let signalled = false;
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    if (!signalled && options.until?.test(out)) {
      signalled = true;
      child.kill('SIGTERM');
    }
  });
  child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
  const timer = setTimeout(() => child.kill('SIGKILL'), 40_000);
  return new Promise((done) => child.once('exit', (code) => {
    clearTimeout(timer);
    done({ code, out, err });
  }));
}

const TEMPLATE = {
  Resources: {
    Api: { Type: 'AWS::ApiGatewayV2::Api', Properties: { Name: 'configured', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action' } },
    Stage: { Type: 'AWS::ApiGatewayV2::Stage', Properties: { ApiId: { Ref: 'Api' }, StageName: 'live' } },
  },
};

describe('the wsgate command line', { timeout: 120_000 }, () => {
  test('GIVEN a wsgate.config.json WHEN wsgate serve runs without flags THEN it serves what the file says, and a variable overrides the file', async () => {
    const dir = project({ 'wsgate.config.json': { port: 0, quiet: true, tls: false, serve: { input: 'api.json', iam: 'off' } }, 'api.json': TEMPLATE });
    const run = await wsgate(['serve'], { cwd: dir, env: { WSGATE_IAM: 'warn' }, until: /iam {6}\w+/ });
    assert.equal(run.code, 0, `${run.out}\n${run.err}`);
    assert.match(run.out, /configured \(\w+\) {2}stage live {2}ws:\/\/127\.0\.0\.1:\d+\/live\n/);
    assert.doesNotMatch(run.out, /wss:\/\//, 'tls: false from the top level');
    assert.match(run.out, /iam {6}warn/);
  });

  test('GIVEN a config file with a mistake WHEN any command runs THEN it exits 2 naming the file and the key', async () => {
    const dir = project({ 'package.json': { name: 'x', wsgate: { serve: { port: 'eighty' } } } });
    const run = await wsgate(['serve'], { cwd: dir });
    assert.equal(run.code, 2);
    assert.match(run.err, /^wsgate serve: package.json "wsgate": "serve.port" must be a number from 0 to 65535, got 'eighty'. Run 'wsgate serve --help'.\n$/);
  });

  test('GIVEN each command with --help THEN exit 0 and its help on stdout; GIVEN wsgate help synth THEN the same', async () => {
    for (const command of ['serve', 'synth', 'connections']) {
      const run = await wsgate([command, '--help']);
      assert.equal(run.code, 0);
      assert.match(run.out, new RegExp(`^Usage: wsgate ${command} `));
    }
    const help = await wsgate(['help', 'synth']);
    assert.equal(help.code, 0);
    assert.match(help.out, /^Usage: wsgate synth /);
  });

  test('GIVEN no command, an unknown one, or --version THEN exit 2 with the usage, 2 with the nearest command, 0 with the version', async () => {
    const none = await wsgate([]);
    assert.equal(none.code, 2);
    assert.match(none.err, /^Usage: wsgate <command>/);
    const typo = await wsgate(['sever']);
    assert.equal(typo.code, 2);
    assert.match(typo.err, /unknown command 'sever' \(did you mean 'serve'\?\)\. Run 'wsgate --help'/);
    const version = await wsgate(['--version']);
    assert.equal(version.code, 0);
    assert.match(version.out, /^wsgate \d+\.\d+\.\d+\n$/);
  });

  test('GIVEN wsgate synth with neither an app nor a cdk.json THEN exit 2 saying how to name the app', async () => {
    const run = await wsgate(['synth'], { cwd: project() });
    assert.equal(run.code, 2);
    assert.match(run.err, /no app given and no \.\/cdk\.json with an "app" entry\. Pass the app file \(wsgate synth app\.ts\) or set "app" in wsgate\.config\.json/);
  });
});
