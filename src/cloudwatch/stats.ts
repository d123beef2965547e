/**
 * Builders for CloudWatch statistic strings, from the simple ones (`Average`) to the extended,
 * parameterised ones (`p99`, `TM(10%:90%)`, `PR(:300)`).
 *
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Statistics-definitions.html
 */
import { UnscopedValidationError } from '../core/index.js';

export abstract class Stats {
  /** How many data points the period holds. */
  public static readonly SAMPLE_COUNT = 'SampleCount';
  /** Sum divided by SampleCount. */
  public static readonly AVERAGE = 'Average';
  /** All values added up. */
  public static readonly SUM = 'Sum';
  /** The smallest value seen in the period. */
  public static readonly MINIMUM = 'Minimum';
  /** The largest value seen in the period. */
  public static readonly MAXIMUM = 'Maximum';
  /** The interquartile mean: the mean of the values between the 25th and 75th percentile. */
  public static readonly IQM = 'IQM';

  /** The value below which `percentile` percent of the data points fall, for example `p99`. */
  public static percentile(percentile: number): string {
    checkPercentage(percentile);
    return `p${percentile}`;
  }

  /** Short for {@link Stats.percentile}. */
  public static p(percentile: number): string {
    return Stats.percentile(percentile);
  }

  /**
   * The mean of the values between two percentiles: `tm90` with one argument (from 0 to `p1`),
   * `TM(10%:90%)` with two.
   */
  public static trimmedMean(p1: number, p2?: number): string {
    return percentileRangeStat('tm', 'TM', p1, p2);
  }

  /** Short for {@link Stats.trimmedMean}. */
  public static tm(p1: number, p2?: number): string {
    return Stats.trimmedMean(p1, p2);
  }

  /**
   * The mean with values outside the percentiles clamped to them rather than dropped: `wm90` or
   * `WM(10%:90%)`.
   */
  public static winsorizedMean(p1: number, p2?: number): string {
    return percentileRangeStat('wm', 'WM', p1, p2);
  }

  /** Short for {@link Stats.winsorizedMean}. */
  public static wm(p1: number, p2?: number): string {
    return Stats.winsorizedMean(p1, p2);
  }

  /** How many values fall between the percentiles: `tc90` or `TC(10%:90%)`. */
  public static trimmedCount(p1: number, p2?: number): string {
    return percentileRangeStat('tc', 'TC', p1, p2);
  }

  /** Short for {@link Stats.trimmedCount}. */
  public static tc(p1: number, p2?: number): string {
    return Stats.trimmedCount(p1, p2);
  }

  /** The sum of the values between the percentiles: `ts90` or `TS(10%:90%)`. */
  public static trimmedSum(p1: number, p2?: number): string {
    return percentileRangeStat('ts', 'TS', p1, p2);
  }

  /** Short for {@link Stats.trimmedSum}. */
  public static ts(p1: number, p2?: number): string {
    return Stats.trimmedSum(p1, p2);
  }

  /**
   * The percentage of values at or below `v1` (`PR(:v1)`), or, with two arguments, between `v1`
   * and `v2` (`PR(v1:v2)`). The arguments are metric values, not percentages.
   */
  public static percentileRank(v1: number, v2?: number): string {
    return v2 !== undefined ? `PR(${v1}:${v2})` : `PR(:${v1})`;
  }

  /** Short for {@link Stats.percentileRank}. */
  public static pr(v1: number, v2?: number): string {
    return Stats.percentileRank(v1, v2);
  }
}

function checkPercentage(x: number | undefined): void {
  if (x !== undefined && (x < 0 || x > 100)) {
    throw new UnscopedValidationError('ExpectingPercentage', `Expecting a percentage, got: ${x}`);
  }
}

function percentileRangeStat(single: string, range: string, p1: number, p2: number | undefined): string {
  checkPercentage(p1);
  checkPercentage(p2);
  return p2 !== undefined ? `${range}(${p1}%:${p2}%)` : `${single}${p1}`;
}
