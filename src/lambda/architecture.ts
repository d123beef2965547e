/** The instruction set a function runs on. */

/** A Lambda architecture. */
export class Architecture {
  /** 64-bit x86. */
  public static readonly X86_64 = new Architecture('x86_64', 'linux/amd64');
  /** 64-bit ARM (Graviton). */
  public static readonly ARM_64 = new Architecture('arm64', 'linux/arm64');

  /** An architecture not listed here. */
  public static custom(name: string, dockerPlatform?: string): Architecture {
    return new Architecture(name, dockerPlatform ?? 'linux/amd64');
  }

  /**
   * @param name the name CloudFormation takes
   * @param dockerPlatform the Docker platform for bundling
   */
  private constructor(public readonly name: string, public readonly dockerPlatform: string) {}

  public toString(): string {
    return this.name;
  }
}
