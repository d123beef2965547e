/**
 * A length of time with its unit, converted to a number only where CloudFormation needs one
 * (`timeout.toMilliseconds()` at the L1 edge).
 */
import { Token, Tokenization } from './token.js';
import { UnscopedValidationError } from './errors.js';

class TimeUnit {
  public static readonly Milliseconds = new TimeUnit('millis', 1);
  public static readonly Seconds = new TimeUnit('seconds', 1_000);
  public static readonly Minutes = new TimeUnit('minutes', 60_000);
  public static readonly Hours = new TimeUnit('hours', 3_600_000);
  public static readonly Days = new TimeUnit('days', 86_400_000);

  private constructor(public readonly label: string, public readonly inMillis: number) {}

  public toString(): string { return this.label; }
}

/** Options of the `to*` conversions. */
export interface TimeConversionOptions {
  /** Refuse a result that is not a whole number. @default true */
  readonly integral?: boolean;
}

export class Duration {
  public static millis(amount: number): Duration { return new Duration(amount, TimeUnit.Milliseconds); }
  public static seconds(amount: number): Duration { return new Duration(amount, TimeUnit.Seconds); }
  public static minutes(amount: number): Duration { return new Duration(amount, TimeUnit.Minutes); }
  public static hours(amount: number): Duration { return new Duration(amount, TimeUnit.Hours); }
  public static days(amount: number): Duration { return new Duration(amount, TimeUnit.Days); }

  /** Parses an ISO 8601 duration such as `PT5M` or `P1DT2H`. Years and months are refused. */
  public static parse(duration: string): Duration {
    const m = /^P(?!$)(\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/.exec(duration);
    if (!m) throw new UnscopedValidationError('ValidDuration', `Not a valid ISO duration: ${duration}`);
    const [, years, months, days, , hours, minutes, seconds] = m;
    if (years || months) {
      throw new UnscopedValidationError('SupportIsoDurationsYearMonth', `Support for years and months is not implemented in ISO 8601 durations: ${duration}`);
    }
    const n = (s?: string) => (s ? Number(s.slice(0, -1)) : 0);
    return Duration.millis(n(seconds) * 1000 + n(minutes) * 60_000 + n(hours) * 3_600_000 + n(days) * 86_400_000);
  }

  private constructor(private readonly amount: number, private readonly unit: TimeUnit) {
    if (!Token.isUnresolved(amount) && amount < 0) {
      throw new UnscopedValidationError('DurationAmountsCannotNegative', `Duration amounts cannot be negative. Received: ${amount}`);
    }
  }

  public plus(rhs: Duration): Duration {
    const unit = finestUnit(this.unit, rhs.unit);
    return new Duration(convert(this.amount, this.unit, unit, false) + convert(rhs.amount, rhs.unit, unit, false), unit);
  }

  public minus(rhs: Duration): Duration {
    const unit = finestUnit(this.unit, rhs.unit);
    return new Duration(convert(this.amount, this.unit, unit, false) - convert(rhs.amount, rhs.unit, unit, false), unit);
  }

  public toMilliseconds(opts: TimeConversionOptions = {}): number { return convert(this.amount, this.unit, TimeUnit.Milliseconds, opts.integral); }
  public toSeconds(opts: TimeConversionOptions = {}): number { return convert(this.amount, this.unit, TimeUnit.Seconds, opts.integral); }
  public toMinutes(opts: TimeConversionOptions = {}): number { return convert(this.amount, this.unit, TimeUnit.Minutes, opts.integral); }
  public toHours(opts: TimeConversionOptions = {}): number { return convert(this.amount, this.unit, TimeUnit.Hours, opts.integral); }
  public toDays(opts: TimeConversionOptions = {}): number { return convert(this.amount, this.unit, TimeUnit.Days, opts.integral); }

  /** ISO 8601, for example `PT1H30M`. */
  public toIsoString(): string {
    if (this.amount === 0) return 'PT0S';
    const ms = this.toMilliseconds({ integral: false });
    const parts: Array<[number, string]> = [];
    let rest = ms;
    for (const [size, letter] of [[86_400_000, 'D'], [3_600_000, 'H'], [60_000, 'M']] as const) {
      const whole = Math.floor(rest / size);
      if (whole) parts.push([whole, letter]);
      rest -= whole * size;
    }
    const secs = rest / 1000;
    let out = 'P';
    const day = parts.find(([, l]) => l === 'D');
    if (day) out += `${day[0]}D`;
    const time = parts.filter(([, l]) => l !== 'D').map(([v, l]) => `${v}${l}`).join('') + (secs ? `${secs}S` : '');
    if (time) out += `T${time}`;
    return out;
  }

  /** @deprecated use {@link toIsoString} */
  public toISOString(): string { return this.toIsoString(); }

  /** For example `1 hour 30 minutes`. */
  public toHumanString(): string {
    if (this.amount === 0) return `0 ${this.unit.label}`;
    if (Token.isUnresolved(this.amount)) return `<token> ${this.unit.label}`;
    let rest = this.toMilliseconds({ integral: false });
    const out: string[] = [];
    for (const [size, name] of [[86_400_000, 'day'], [3_600_000, 'hour'], [60_000, 'minute'], [1000, 'second'], [1, 'milli']] as const) {
      const whole = Math.floor(rest / size);
      if (whole) out.push(`${whole} ${name}${whole === 1 ? '' : 's'}`);
      rest -= whole * size;
    }
    return out.join(' ');
  }

  /** The amount as a string, keeping a token one. */
  public formatTokenToNumber(): string {
    return `${Tokenization.stringifyNumber(this.amount)} ${this.unit.label}`;
  }

  public isUnresolved(): boolean { return Token.isUnresolved(this.amount); }

  public unitLabel(): string { return this.unit.label; }

  public toString(): string {
    return `Duration.${this.unit.label}(${this.amount})`;
  }
}

function finestUnit(a: TimeUnit, b: TimeUnit): TimeUnit {
  return a.inMillis < b.inMillis ? a : b;
}

function convert(amount: number, from: TimeUnit, to: TimeUnit, integral = true): number {
  if (from.inMillis === to.inMillis) {
    if (integral && !Token.isUnresolved(amount) && !Number.isInteger(amount)) {
      throw new UnscopedValidationError('MustBeWholeNumber', `${amount} must be a whole number of ${to}.`);
    }
    return amount;
  }
  if (Token.isUnresolved(amount)) {
    throw new UnscopedValidationError('MustBeDurationSpecifiedDuration',
      `Duration must be specified as 'Duration.${to}()' here since its value comes from a token and cannot be converted (got Duration.${from})`);
  }
  const value = (amount * from.inMillis) / to.inMillis;
  if (!Number.isInteger(value) && integral) {
    throw new UnscopedValidationError('CannotConvertedIntoWhole', `'${amount} ${from}' cannot be converted into a whole number of ${to}.`);
  }
  return value;
}
