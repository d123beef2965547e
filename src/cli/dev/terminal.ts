/**
 * The dev command's output: colors (only on a terminal, and never when `NO_COLOR` is set, as
 * https://no-color.org asks), and a progress line for builds that take more than a second.
 */

/** ANSI styles by name. */
const STYLES = {
  bold: [1, 22], dim: [2, 22], red: [31, 39], green: [32, 39], yellow: [33, 39], blue: [34, 39], magenta: [35, 39], cyan: [36, 39], gray: [90, 39],
} as const;

export type Style = keyof typeof STYLES;

/** Where the dev command writes, and whether it may color. */
export class Terminal {
  /** True when output goes to a terminal (colors, a progress line that redraws itself). */
  public readonly interactive: boolean;
  public readonly colors: boolean;
  /** A progress line is on screen (it is cleared before anything else is written). */
  private progressShown = false;

  constructor(private readonly stream: NodeJS.WriteStream = process.stdout, env: NodeJS.ProcessEnv = process.env) {
    this.interactive = stream.isTTY === true;
    this.colors = this.interactive && !env.NO_COLOR;
  }

  /** The text in the given styles (unchanged without colors). */
  public paint(text: string, ...styles: Style[]): string {
    if (!this.colors || styles.length === 0) return text;
    const open = styles.map((s) => `\u001b[${STYLES[s][0]}m`).join('');
    const close = styles.map((s) => `\u001b[${STYLES[s][1]}m`).reverse().join('');
    return `${open}${text}${close}`;
  }

  /** Writes whole lines (a newline is added to each). */
  public line(...lines: string[]): void {
    this.clearProgress();
    this.stream.write(lines.map((l) => `${l}\n`).join(''));
  }

  /** Shows a progress line: redrawn in place on a terminal, written once otherwise. */
  public progress(text: string): void {
    if (this.interactive) {
      this.stream.write(`\r\u001b[2K${text}`);
      this.progressShown = true;
    } else {
      this.stream.write(`${text}\n`);
    }
  }

  public clearProgress(): void {
    if (!this.progressShown) return;
    this.stream.write('\r\u001b[2K');
    this.progressShown = false;
  }
}

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** How long a build runs before its progress shows. */
export const PROGRESS_AFTER_MS = 1000;

/**
 * The progress of one build: nothing for the first second, then the current step and the time
 * so far (on a terminal, redrawn every 100 ms; otherwise one line per step).
 */
export class BuildProgress {
  private step: string;
  private readonly startedAt = Date.now();
  private shown = false;
  private frame = 0;
  private readonly timer: NodeJS.Timeout;
  private ticker?: NodeJS.Timeout;

  constructor(private readonly terminal: Terminal, step: string) {
    this.step = step;
    this.timer = setTimeout(() => this.show(), PROGRESS_AFTER_MS);
    this.timer.unref();
  }

  /** Milliseconds since the build started. */
  public get elapsedMs(): number {
    return Date.now() - this.startedAt;
  }

  /** True once the build took long enough for its progress to show. */
  public get slow(): boolean {
    return this.shown;
  }

  /** The build moved on to another step. */
  public update(step: string): void {
    if (step === this.step) return;
    this.step = step;
    if (this.shown && !this.terminal.interactive) this.draw();
  }

  /** The build is over: the progress line goes. */
  public done(): void {
    clearTimeout(this.timer);
    if (this.ticker) clearInterval(this.ticker);
    this.terminal.clearProgress();
  }

  private show(): void {
    this.shown = true;
    this.draw();
    if (this.terminal.interactive) {
      this.ticker = setInterval(() => this.draw(), 100);
      this.ticker.unref();
    }
  }

  private draw(): void {
    const seconds = (this.elapsedMs / 1000).toFixed(1);
    const spinner = this.terminal.interactive ? `${SPINNER[this.frame++ % SPINNER.length]} ` : '';
    this.terminal.progress(this.terminal.paint(`${spinner}building: ${this.step}… ${seconds}s`, 'cyan'));
  }
}
