/**
 * The conventions every `wsgate` command follows, in one place: options declared once (flag,
 * environment variable, config file key, default, help line), read with this precedence:
 *
 *   flag  >  environment variable  >  config file  >  default
 *
 * The config file is `./wsgate.config.json`, else the `"wsgate"` object of `./package.json`
 * (`--config FILE` or WSGATE_CONFIG names another). Its keys are the options' names in camelCase
 * (`port`, `stateDir`, `inProcess`, …); keys at the top level apply to every command that has
 * that option (others ignore them), and an object named after a command (`"serve": {…}`) applies
 * to that command only, where an unknown key is an error.
 *
 * `--help` prints the help built from the same declarations. Exit codes: 0 success, 1 a failure
 * at run time (the message says what to do next), 2 bad usage (unknown option, bad value).
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';

/** The exit codes scripts can rely on. */
export const EXIT = {
  /** The command did what it was asked. */
  OK: 0,
  /** It failed at run time: the gateway or app failed, a call was refused, the port was taken… */
  FAILURE: 1,
  /** Bad usage: an unknown option or command, a bad value, a missing file. Nothing was done. */
  USAGE: 2,
} as const;

/** Bad usage: exit 2, with a hint to `--help`. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A failure at run time (exit 1); the message says what went wrong and what to do next. */
export class CommandFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommandFailure';
  }
}

/** The commands that can have a section of their own in the config file. */
export const COMMAND_NAMES = ['serve', 'synth', 'dev', 'connections'] as const;

export type OptionType = 'string' | 'number' | 'boolean' | 'list';

/** One option of a command. Its name (the key in the command's options) is its config file key. */
export interface OptionSpec {
  readonly type: OptionType;
  /** The help text; lines after the first are indented under it. */
  readonly description: string;
  /**
   * The long flag without dashes; `false` for none (a positional argument or a config-only
   * setting). Booleans accept `--flag` and `--no-flag`. @default - the name in kebab-case
   */
  readonly flag?: string | false;
  /** A one-letter alias (`-o`). */
  readonly short?: string;
  /** The environment variable. Booleans take 1/true/yes/on and 0/false/no/off; lists are separated by spaces. */
  readonly env?: string;
  /** @default - undefined; false for booleans, [] for lists */
  readonly default?: string | number | boolean | readonly string[];
  /** The default as the help shows it, when it is not a plain value (`random`, `./cdk.json's app`). */
  readonly defaultText?: string;
  /** The value's name in the help (`N`, `DIR`). @default 'VALUE' */
  readonly placeholder?: string;
  /** The allowed values of a string. */
  readonly choices?: readonly string[];
  /** Bounds of a number (numbers are whole numbers). */
  readonly min?: number;
  readonly max?: number;
  /** Set by this positional argument (0 = the first) instead of a flag. */
  readonly positional?: number;
  /** Whether the config file may set it. @default true */
  readonly config?: boolean;
}

/** A command's declaration: what `--help` shows and what parsing accepts. */
export interface CommandSpec<T extends Record<string, OptionSpec>> {
  /** `serve`, `connections`, … (the config file section and the messages' prefix). */
  readonly name: string;
  /** `wsgate serve [input] [options]`. */
  readonly usage: string;
  /** What the command does, a sentence or two. */
  readonly summary: string;
  /** Positional arguments that are not options (`action`, `id`), with their help. */
  readonly arguments?: readonly (readonly [string, string])[];
  readonly options: T;
  readonly examples: readonly string[];
  /** More help after the examples. */
  readonly notes?: string;
  /** How many positional arguments are allowed. @default - the number of positional options */
  readonly maxPositionals?: number;
}

type ValueOf<O extends OptionSpec> = O['type'] extends 'number' ? number : O['type'] extends 'boolean' ? boolean : O['type'] extends 'list' ? string[] : string;
type Defaulted<O extends OptionSpec> = O extends { default: unknown } ? true : O['type'] extends 'boolean' | 'list' ? true : false;

/** The values of a command's options, typed from its declaration. */
export type Settings<T extends Record<string, OptionSpec>> = {
  -readonly [K in keyof T]: Defaulted<T[K]> extends true ? ValueOf<T[K]> : ValueOf<T[K]> | undefined;
};

/** Where a setting's value came from. */
export type SettingSource = 'flag' | 'argument' | 'env' | 'config' | 'default';

export interface ParsedCommand<T extends Record<string, OptionSpec>> {
  /** `--help` was asked for (nothing else was read). */
  readonly help: boolean;
  readonly settings: Settings<T>;
  readonly sources: { readonly [K in keyof T]: SettingSource };
  /** Every positional argument, in order. */
  readonly positionals: readonly string[];
  /** The config file read, if any. */
  readonly configFile?: string;
}

/** Where the command runs: its environment and working directory. */
export interface CommandContext {
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly cwd?: string;
}

/** Declares a command (types the settings from the declaration). */
export function defineCommand<const T extends Record<string, OptionSpec>>(spec: CommandSpec<T>): CommandSpec<T> {
  return spec;
}

/**
 * Parses `--help`, then the arguments, the environment and the config file into settings.
 * Throws a UsageError for anything wrong, naming where the wrong value came from.
 */
export function parseCommand<T extends Record<string, OptionSpec>>(spec: CommandSpec<T>, args: readonly string[], context: CommandContext = {}): ParsedCommand<T> {
  const env = context.env ?? process.env;
  const cwd = context.cwd ?? process.cwd();
  const entries = Object.entries(spec.options) as [string, OptionSpec][];
  if (args.includes('-h') || args.includes('--help')) {
    return { help: true, settings: {} as Settings<T>, sources: {} as ParsedCommand<T>['sources'], positionals: [] };
  }

  const parsed = parseFlags(spec, entries, args);
  const config = loadConfig(cwd, parsed.values.config as string | undefined ?? nonEmpty(env.WSGATE_CONFIG));
  const fromConfig = config ? configValues(spec, entries, config) : {};

  const settings: Record<string, unknown> = {};
  const sources: Record<string, SettingSource> = {};
  for (const [name, option] of entries) {
    const flag = flagName(name, option);
    const flagValue = flag ? flagSetting(parsed.values, flag, option) : undefined;
    const argument = option.positional !== undefined ? parsed.positionals[option.positional] : undefined;
    const envValue = option.env ? nonEmpty(env[option.env]) : undefined;
    if (flagValue !== undefined) {
      settings[name] = convert(option, flagValue, `--${typeof flagValue === 'boolean' && !flagValue ? `no-${flag}` : flag}`);
      sources[name] = 'flag';
    } else if (argument !== undefined) {
      settings[name] = convert(option, argument, `argument ${JSON.stringify(argument)}`);
      sources[name] = 'argument';
    } else if (envValue !== undefined) {
      settings[name] = convert(option, envValue, option.env!);
      sources[name] = 'env';
    } else if (name in fromConfig) {
      settings[name] = fromConfig[name];
      sources[name] = 'config';
    } else {
      settings[name] = option.default !== undefined ? copy(option.default) : option.type === 'boolean' ? false : option.type === 'list' ? [] : undefined;
      sources[name] = 'default';
    }
  }
  return { help: false, settings: settings as Settings<T>, sources: sources as ParsedCommand<T>['sources'], positionals: parsed.positionals, configFile: config?.path };
}

/**
 * Runs a command with the conventions: `--help` prints the help (exit 0); a UsageError prints
 * `wsgate <name>: <message>. Run 'wsgate <name> --help'.` (exit 2); a CommandFailure prints its
 * message (exit 1). Other errors are not caught.
 */
export async function runCommand<T extends Record<string, OptionSpec>>(
  spec: CommandSpec<T>,
  args: readonly string[],
  body: (parsed: ParsedCommand<T>) => Promise<number>,
  context: CommandContext = {},
): Promise<number> {
  try {
    const parsed = parseCommand(spec, args, context);
    if (parsed.help) {
      process.stdout.write(renderHelp(spec));
      return EXIT.OK;
    }
    return await body(parsed);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`wsgate ${spec.name}: ${error.message}. Run 'wsgate ${spec.name} --help'.\n`);
      return EXIT.USAGE;
    }
    if (error instanceof CommandFailure) {
      process.stderr.write(`wsgate ${spec.name}: ${error.message}\n`);
      return EXIT.FAILURE;
    }
    throw error;
  }
}

/** The `--help` text of a command. */
export function renderHelp<T extends Record<string, OptionSpec>>(spec: CommandSpec<T>): string {
  const entries = Object.entries(spec.options) as [string, OptionSpec][];
  const out: string[] = [`Usage: ${spec.usage}`, '', spec.summary, ''];
  const positional = entries.filter(([, o]) => o.positional !== undefined).sort(([, a], [, b]) => a.positional! - b.positional!);
  const args = [...(spec.arguments ?? []), ...positional.map(([name, o]) => [name, describe(o, { config: o.config !== false ? name : undefined })] as const)];
  if (args.length > 0) {
    out.push('Arguments:');
    out.push(...table(args.map(([name, text]) => [name, text])));
    out.push('');
  }
  out.push('Options [environment variable] {config file key}:');
  const rows: [string, string][] = [];
  for (const [name, o] of entries) {
    const flag = flagName(name, o);
    if (!flag) continue;
    const shown = o.type === 'boolean' && o.default === true ? `no-${flag}` : flag;
    const value = o.type === 'boolean' ? '' : ` ${o.placeholder ?? 'VALUE'}`;
    const label = `${o.short ? `-${o.short}, ` : ''}--${shown}${value}`;
    rows.push([label, describe(o, { config: o.config !== false ? name : undefined })]);
  }
  const configOnly = entries.filter(([name, o]) => !flagName(name, o) && o.positional === undefined && o.config !== false);
  rows.push(['--config FILE', 'read settings from FILE (JSON) instead of ./wsgate.config.json or\nthe "wsgate" object of ./package.json [WSGATE_CONFIG]']);
  rows.push(['-h, --help', 'show this help']);
  out.push(...table(rows));
  if (configOnly.length > 0) {
    out.push('', 'Settings without a flag [environment variable] {config file key}:');
    out.push(...table(configOnly.map(([name, o]) => [name, describe(o, { config: name })])));
  }
  out.push('', 'Examples:', ...spec.examples.map((e) => `  ${e}`));
  if (spec.notes) out.push('', spec.notes.trimEnd());
  out.push(
    '',
    'Settings: a flag wins over its environment variable, which wins over the config file, which wins',
    `over the default. Config file: ./wsgate.config.json or "wsgate" in ./package.json, keys as in {…};`,
    `top-level keys apply to every command, a "${spec.name}" object to this one only:`,
    `  { "port": 9000, "${spec.name}": { ${exampleConfigEntry(entries)} } }`,
    '',
    'Exit codes: 0 success, 1 failure at run time (the message says what to do), 2 bad usage.',
    '',
  );
  return out.join('\n');
}

// ---- flags ----------------------------------------------------------------------------------

function flagName(name: string, option: OptionSpec): string | undefined {
  if (option.flag === false || option.positional !== undefined) return undefined;
  return option.flag ?? name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

interface ParsedFlags {
  readonly values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  readonly positionals: string[];
}

function parseFlags(spec: CommandSpec<Record<string, OptionSpec>>, entries: [string, OptionSpec][], args: readonly string[]): ParsedFlags {
  type ArgOption = { type: 'string' | 'boolean'; short?: string; multiple?: boolean };
  const options: Record<string, ArgOption> = { config: { type: 'string' } };
  for (const [name, option] of entries) {
    const flag = flagName(name, option);
    if (!flag) continue;
    if (option.type === 'boolean') {
      options[flag] = { type: 'boolean', ...(option.short ? { short: option.short } : {}) };
      options[`no-${flag}`] = { type: 'boolean' };
    } else {
      options[flag] = { type: 'string', ...(option.short ? { short: option.short } : {}), ...(option.type === 'list' ? { multiple: true } : {}) };
    }
  }
  let result: ParsedFlags;
  try {
    result = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(flagError(error as Error & { code?: string }, Object.keys(options)));
  }
  const allowed = spec.maxPositionals ?? entries.filter(([, o]) => o.positional !== undefined).length;
  if (result.positionals.length > allowed) {
    const extra = result.positionals[allowed];
    throw new UsageError(allowed === 0 ? `takes no argument, got '${extra}'` : `unexpected argument '${extra}' (at most ${allowed})`);
  }
  return result;
}

/** A flag's value: `--no-x` is false, a repeated value is the last one unless a list. */
function flagSetting(values: ParsedFlags['values'], flag: string, option: OptionSpec): string | boolean | string[] | undefined {
  if (option.type === 'boolean') {
    const on = values[flag] === true;
    const off = values[`no-${flag}`] === true;
    if (on && off) throw new UsageError(`--${flag} and --no-${flag} cannot both be given`);
    return on ? true : off ? false : undefined;
  }
  const value = values[flag];
  if (value === undefined) return undefined;
  if (option.type === 'list') return (value as string[]).map(String);
  return Array.isArray(value) ? String(value.at(-1)) : String(value);
}

/** parseArgs' errors, said the wsgate way, with the nearest known option for a typo. */
function flagError(error: Error & { code?: string }, known: readonly string[]): string {
  const option = /'(-[^' ]+)/.exec(error.message)?.[1];
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': {
      const near = option ? nearest(option.replace(/^-+/, '').split('=')[0], known) : undefined;
      return `unknown option '${option ?? '?'}'${near ? ` (did you mean --${near}?)` : ''}`;
    }
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (/argument missing/.test(error.message)) return `${option ?? 'an option'} needs a value`;
      if (/does not take an argument/.test(error.message)) return `${option ?? 'an option'} takes no value`;
      return error.message.replace(/^Option /, '');
    default:
      return error.message;
  }
}

// ---- values ---------------------------------------------------------------------------------

/**
 * A text (flag, argument, environment) or JSON (config file: `json`) value as the option's type,
 * or a UsageError naming `where`. JSON values must have the type (a string may be a number).
 */
function convert(option: OptionSpec, raw: unknown, where: string, json = false): unknown {
  switch (option.type) {
    case 'number': {
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' && !json ? Number(raw) : NaN;
      const min = option.min ?? Number.MIN_SAFE_INTEGER;
      const max = option.max ?? Number.MAX_SAFE_INTEGER;
      if (!Number.isInteger(n) || n < min || n > max) {
        const range = option.min !== undefined && option.max !== undefined ? ` from ${min} to ${max}` : option.min !== undefined ? ` of at least ${min}` : '';
        throw new UsageError(`${where} must be a number${range}, got ${shown(raw)}`);
      }
      return n;
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return raw;
      if (json) throw new UsageError(`${where} must be true or false, got ${shown(raw)}`);
      const text = String(raw).toLowerCase();
      if (['1', 'true', 'yes', 'on'].includes(text)) return true;
      if (['0', 'false', 'no', 'off'].includes(text)) return false;
      throw new UsageError(`${where} must be true or false (1/0, yes/no, on/off), got ${shown(raw)}`);
    }
    case 'list': {
      const list = Array.isArray(raw) ? raw : typeof raw === 'string' && !json ? raw.split(/\s+/).filter((s) => s !== '') : undefined;
      if (!list || !list.every((v) => typeof v === 'string')) throw new UsageError(`${where} must be a list of strings, got ${shown(raw)}`);
      return [...list] as string[];
    }
    case 'string': {
      if (typeof raw !== 'string' && typeof raw !== 'number') throw new UsageError(`${where} must be a string, got ${shown(raw)}`);
      const text = String(raw);
      if (option.choices && !option.choices.includes(text)) throw new UsageError(`${where} must be one of ${option.choices.join(', ')}, got '${text}'`);
      return text;
    }
  }
}

function shown(raw: unknown): string {
  return typeof raw === 'string' ? `'${raw}'` : JSON.stringify(raw) ?? String(raw);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

function copy<V>(value: V): V {
  return (Array.isArray(value) ? [...value] : value) as V;
}

// ---- config file ----------------------------------------------------------------------------

/** A config file's settings object and where it came from. */
export interface ConfigFile {
  /** The file, as messages name it (`wsgate.config.json`, `package.json "wsgate"`). */
  readonly label: string;
  readonly path: string;
  readonly values: Readonly<Record<string, unknown>>;
}

/**
 * The config of a directory: `explicit` (a JSON file, or a package.json whose "wsgate" object is
 * read), else `wsgate.config.json`, else package.json's "wsgate" object; undefined when none.
 */
export function loadConfig(cwd: string, explicit?: string): ConfigFile | undefined {
  if (explicit !== undefined) {
    const path = resolve(cwd, explicit);
    if (!existsSync(path)) throw new UsageError(`the config file ${explicit} does not exist`);
    return basename(path) === 'package.json' ? packageSection(path, true) : readConfig(path, basename(path));
  }
  const own = resolve(cwd, 'wsgate.config.json');
  if (existsSync(own)) return readConfig(own, 'wsgate.config.json');
  const pkg = resolve(cwd, 'package.json');
  return existsSync(pkg) ? packageSection(pkg, false) : undefined;
}

function readJson(path: string, label: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch (error) {
    throw new UsageError(`${label} is not valid JSON (${(error as Error).message}); fix it or name another file with --config`);
  }
}

function readConfig(path: string, label: string): ConfigFile {
  const values = readJson(path, label);
  if (!isObject(values)) throw new UsageError(`${label} must hold a JSON object of settings`);
  return { label, path, values };
}

function packageSection(path: string, required: boolean): ConfigFile | undefined {
  const pkg = readJson(path, 'package.json');
  const section = isObject(pkg) ? pkg.wsgate : undefined;
  if (section === undefined) {
    if (required) throw new UsageError(`${path} has no "wsgate" object`);
    return undefined;
  }
  if (!isObject(section)) throw new UsageError('package.json: "wsgate" must be an object of settings');
  return { label: 'package.json "wsgate"', path, values: section };
}

/** The config file's values for a command's options: the top-level keys it knows, then its own section. */
function configValues(spec: CommandSpec<Record<string, OptionSpec>>, entries: [string, OptionSpec][], config: ConfigFile): Record<string, unknown> {
  const configurable = new Map(entries.filter(([, o]) => o.config !== false));
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config.values)) {
    if ((COMMAND_NAMES as readonly string[]).includes(key)) continue;
    const option = configurable.get(key);
    if (option) out[key] = convert(option, value, `${config.label}: "${key}"`, true);
  }
  const section = config.values[spec.name];
  if (section === undefined) return out;
  if (!isObject(section)) throw new UsageError(`${config.label}: "${spec.name}" must be an object of settings`);
  for (const [key, value] of Object.entries(section)) {
    const option = configurable.get(key);
    if (!option) {
      const near = nearest(key, [...configurable.keys()]);
      throw new UsageError(`${config.label}: "${spec.name}" has no setting "${key}"${near ? ` (did you mean "${near}"?)` : ''}; its settings are ${[...configurable.keys()].join(', ')}`);
    }
    out[key] = convert(option, value, `${config.label}: "${spec.name}.${key}"`, true);
  }
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// ---- help -----------------------------------------------------------------------------------

/** Help text columns: descriptions longer than this put their [ENV] {key} (default) on a line of their own. */
const DESCRIPTION_WIDTH = 76;

function describe(option: OptionSpec, names: { config?: string }): string {
  const lines = option.description.split('\n');
  const extras: string[] = [];
  if (option.env) extras.push(`[${option.env}]`);
  if (names.config) extras.push(`{${names.config}}`);
  const dflt = option.defaultText ?? defaultShown(option);
  if (dflt !== undefined) extras.push(`(default ${dflt})`);
  if (extras.length === 0) return lines.join('\n');
  const tail = extras.join(' ');
  if (lines[lines.length - 1].length + 1 + tail.length <= DESCRIPTION_WIDTH) lines[lines.length - 1] += ` ${tail}`;
  else lines.push(tail);
  return lines.join('\n');
}

function defaultShown(option: OptionSpec): string | undefined {
  if (option.default === undefined || option.type === 'boolean') return undefined;
  if (Array.isArray(option.default)) return option.default.length > 0 ? option.default.join(' ') : undefined;
  return String(option.default);
}

function exampleConfigEntry(entries: [string, OptionSpec][]): string {
  const candidates = entries.filter(([n, o]) => o.config !== false && n !== 'port' && o.positional === undefined);
  const [name, option] = candidates.find(([, o]) => o.choices) ?? candidates.find(([, o]) => o.type === 'boolean') ?? candidates[0] ?? ['quiet', { type: 'boolean' } as OptionSpec];
  const value = option.choices ? JSON.stringify(option.choices.find((c) => c !== option.default) ?? option.choices[0])
    : option.type === 'boolean' ? String(option.default !== true) : option.type === 'number' ? String(option.default ?? 1)
      : option.type === 'list' ? '["…"]' : JSON.stringify(option.default ?? '…');
  return `"${name}": ${value}`;
}

/** Two-column rows, the second column aligned and its extra lines indented under it. */
function table(rows: readonly (readonly [string, string])[]): string[] {
  const width = Math.max(...rows.map(([label]) => label.length).filter((n) => n <= 20)) + 2;
  const out: string[] = [];
  for (const [label, text] of rows) {
    const [first, ...rest] = text.split('\n');
    if (label.length + 2 > width) {
      out.push(`  ${label}`);
      out.push(`  ${' '.repeat(width)}${first}`);
    } else {
      out.push(`  ${label.padEnd(width)}${first}`);
    }
    for (const line of rest) out.push(`  ${' '.repeat(width)}${line}`);
  }
  return out;
}

/** The known name closest to `name` (edit distance at most 2), for "did you mean". */
export function nearest(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of known) {
    const d = distance(name, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const saved = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = saved;
    }
  }
  return row[b.length];
}
