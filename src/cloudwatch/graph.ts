/**
 * The graph vocabulary alarms need: standard colors and horizontal annotations (an alarm can be
 * drawn as its threshold line). Dashboards and widgets themselves are not part of wsgate.
 */

/** A line across a graph at a fixed value. */
export interface HorizontalAnnotation {
  /** Where the line is drawn. */
  readonly value: number;
  /** The line's label. @default - no label */
  readonly label?: string;
  /** The line's color, as `#rrggbb` (see `Color`). @default - chosen by CloudWatch */
  readonly color?: string;
  /** Shading above or below the line. @default - no shading */
  readonly fill?: Shading;
  /** Whether the line is drawn. @default true */
  readonly visible?: boolean;
}

/** Which side of a horizontal annotation is shaded. */
export enum Shading {
  /** No shading. */
  NONE = 'none',
  /** Shade above the line. */
  ABOVE = 'above',
  /** Shade below the line. */
  BELOW = 'below',
}

/** The standard CloudWatch graph colors. */
export class Color {
  /** Blue, `#1f77b4`. */
  public static readonly BLUE = '#1f77b4';
  /** Brown, `#8c564b`. */
  public static readonly BROWN = '#8c564b';
  /** Green, `#2ca02c`. */
  public static readonly GREEN = '#2ca02c';
  /** Grey, `#7f7f7f`. */
  public static readonly GREY = '#7f7f7f';
  /** Orange, `#ff7f0e`. */
  public static readonly ORANGE = '#ff7f0e';
  /** Pink, `#e377c2`. */
  public static readonly PINK = '#e377c2';
  /** Purple, `#9467bd`. */
  public static readonly PURPLE = '#9467bd';
  /** Red, `#d62728`. */
  public static readonly RED = '#d62728';

  private constructor() {}
}
