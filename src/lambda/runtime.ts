/** Lambda runtimes: the name CloudFormation takes, the language family, and what each supports. */
import { DockerImage } from '../core/index.js';

/** The language family of a runtime. */
export enum RuntimeFamily {
  NODEJS,
  JAVA,
  PYTHON,
  DOTNET_CORE,
  GO,
  RUBY,
  OTHER,
}

/** What a runtime supports. */
export interface LambdaRuntimeProps {
  /** Whether inline code (`Code.fromInline`) works. @default false */
  readonly supportsInlineCode?: boolean;
  /** The image for Docker bundling. @default - `public.ecr.aws/sam/build-<name>` */
  readonly bundlingDockerImage?: string;
  /** @default false */
  readonly supportsCodeGuruProfiling?: boolean;
  /** @default false */
  readonly supportsSnapStart?: boolean;
  /** Whether the runtime changes as newer versions come out (`NODEJS_LATEST`). @default false */
  readonly isVariable?: boolean;
}

/** A Lambda runtime. */
export class Runtime {
  /** Every runtime defined, in order. */
  public static readonly ALL = new Array<Runtime>();

  /** @deprecated Legacy runtime no longer supported by AWS Lambda. Migrate to the latest NodeJS runtime. */
  public static readonly NODEJS = new Runtime('nodejs', RuntimeFamily.NODEJS, { supportsInlineCode: true });
  /** @deprecated Legacy runtime no longer supported by AWS Lambda. Migrate to the latest NodeJS runtime. */
  public static readonly NODEJS_4_3 = new Runtime('nodejs4.3', RuntimeFamily.NODEJS, { supportsInlineCode: true });
  /** @deprecated Legacy runtime no longer supported by AWS Lambda. Migrate to the latest NodeJS runtime. */
  public static readonly NODEJS_6_10 = new Runtime('nodejs6.10', RuntimeFamily.NODEJS, { supportsInlineCode: true });
  /** @deprecated Legacy runtime no longer supported by AWS Lambda. Migrate to the latest NodeJS runtime. */
  public static readonly NODEJS_8_10 = new Runtime('nodejs8.10', RuntimeFamily.NODEJS, { supportsInlineCode: true });
  /** @deprecated Legacy runtime no longer supported by AWS Lambda. Migrate to the latest NodeJS runtime. */
  public static readonly NODEJS_10_X = new Runtime('nodejs10.x', RuntimeFamily.NODEJS, { supportsInlineCode: true });
  /** @deprecated Legacy runtime no longer supported by AWS Lambda. Migrate to the latest NodeJS runtime. */
  public static readonly NODEJS_12_X = new Runtime('nodejs12.x', RuntimeFamily.NODEJS, { supportsInlineCode: true });
  /** @deprecated Legacy runtime no longer supported by AWS Lambda. Migrate to the latest NodeJS runtime. */
  public static readonly NODEJS_14_X = new Runtime('nodejs14.x', RuntimeFamily.NODEJS, { supportsInlineCode: true });
  /** @deprecated Legacy runtime no longer supported by AWS Lambda. Migrate to the latest NodeJS runtime. */
  public static readonly NODEJS_16_X = new Runtime('nodejs16.x', RuntimeFamily.NODEJS, { supportsInlineCode: true });
  /** @deprecated Legacy runtime no longer supported by AWS Lambda. Migrate to the latest NodeJS runtime. */
  public static readonly NODEJS_18_X = new Runtime('nodejs18.x', RuntimeFamily.NODEJS, { supportsInlineCode: true });
  public static readonly NODEJS_20_X = new Runtime('nodejs20.x', RuntimeFamily.NODEJS, { supportsInlineCode: true });
  /** The latest Node.js runtime this library knows (`nodejs24.x`); it moves with new releases. */
  public static readonly NODEJS_LATEST = new Runtime('nodejs24.x', RuntimeFamily.NODEJS, { supportsInlineCode: true, isVariable: true });
  public static readonly NODEJS_22_X = new Runtime('nodejs22.x', RuntimeFamily.NODEJS, { supportsInlineCode: true });
  public static readonly NODEJS_24_X = new Runtime('nodejs24.x', RuntimeFamily.NODEJS, { supportsInlineCode: true });
  /** @deprecated Legacy runtime no longer supported by AWS Lambda. Migrate to the latest Python runtime. */
  public static readonly PYTHON_2_7 = new Runtime('python2.7', RuntimeFamily.PYTHON, { supportsInlineCode: true });
  /** @deprecated Legacy runtime no longer supported by AWS Lambda. Migrate to the latest Python runtime. */
  public static readonly PYTHON_3_6 = new Runtime('python3.6', RuntimeFamily.PYTHON, { supportsInlineCode: true, supportsCodeGuruProfiling: true });
  /** @deprecated Legacy runtime no longer supported by AWS Lambda. Migrate to the latest Python runtime. */
  public static readonly PYTHON_3_7 = new Runtime('python3.7', RuntimeFamily.PYTHON, { supportsInlineCode: true, supportsCodeGuruProfiling: true });
  /** @deprecated Legacy runtime no longer supported by AWS Lambda. Migrate to the latest Python runtime. */
  public static readonly PYTHON_3_8 = new Runtime('python3.8', RuntimeFamily.PYTHON, { supportsInlineCode: true, supportsCodeGuruProfiling: true });
  /** @deprecated Legacy runtime no longer supported by AWS Lambda. Migrate to the latest Python runtime. */
  public static readonly PYTHON_3_9 = new Runtime('python3.9', RuntimeFamily.PYTHON, { supportsInlineCode: true, supportsCodeGuruProfiling: true });
  public static readonly PYTHON_3_10 = new Runtime('python3.10', RuntimeFamily.PYTHON, { supportsInlineCode: true, supportsCodeGuruProfiling: true });
  public static readonly PYTHON_3_11 = new Runtime('python3.11', RuntimeFamily.PYTHON, { supportsInlineCode: true, supportsCodeGuruProfiling: true });
  public static readonly PYTHON_3_12 = new Runtime('python3.12', RuntimeFamily.PYTHON, { supportsInlineCode: true, supportsCodeGuruProfiling: true, supportsSnapStart: true });
  public static readonly PYTHON_3_13 = new Runtime('python3.13', RuntimeFamily.PYTHON, { supportsInlineCode: true, supportsCodeGuruProfiling: true, supportsSnapStart: true });
  public static readonly PYTHON_3_14 = new Runtime('python3.14', RuntimeFamily.PYTHON, { supportsInlineCode: true, supportsCodeGuruProfiling: true, supportsSnapStart: true });
  public static readonly PYTHON_3_15 = new Runtime('python3.15', RuntimeFamily.PYTHON, { supportsInlineCode: true, supportsCodeGuruProfiling: true, supportsSnapStart: true });
  /** @deprecated Legacy runtime no longer supported by AWS Lambda. Migrate to the latest Java runtime. */
  public static readonly JAVA_8 = new Runtime('java8', RuntimeFamily.JAVA, { supportsCodeGuruProfiling: true });
  public static readonly JAVA_8_CORRETTO = new Runtime('java8.al2', RuntimeFamily.JAVA, { supportsCodeGuruProfiling: true });
  public static readonly JAVA_11 = new Runtime('java11', RuntimeFamily.JAVA, { supportsCodeGuruProfiling: true, supportsSnapStart: true });
  public static readonly JAVA_17 = new Runtime('java17', RuntimeFamily.JAVA, { supportsCodeGuruProfiling: true, supportsSnapStart: true });
  public static readonly JAVA_21 = new Runtime('java21', RuntimeFamily.JAVA, { supportsCodeGuruProfiling: true, supportsSnapStart: true });
  public static readonly JAVA_25 = new Runtime('java25', RuntimeFamily.JAVA, { supportsCodeGuruProfiling: true, supportsSnapStart: true });
  public static readonly JAVA_8_AL2023 = new Runtime('java8.al2023', RuntimeFamily.JAVA, { supportsCodeGuruProfiling: true });
  public static readonly JAVA_11_AL2023 = new Runtime('java11.al2023', RuntimeFamily.JAVA, { supportsCodeGuruProfiling: true, supportsSnapStart: true });
  public static readonly JAVA_17_AL2023 = new Runtime('java17.al2023', RuntimeFamily.JAVA, { supportsCodeGuruProfiling: true, supportsSnapStart: true });
  /** @deprecated Legacy runtime no longer supported by AWS Lambda. Migrate to the latest .NET runtime. */
  public static readonly DOTNET_6 = new Runtime('dotnet6', RuntimeFamily.DOTNET_CORE);
  public static readonly DOTNET_8 = new Runtime('dotnet8', RuntimeFamily.DOTNET_CORE, { supportsSnapStart: true });
  public static readonly DOTNET_9 = new Runtime('dotnet9', RuntimeFamily.DOTNET_CORE, { supportsSnapStart: true });
  public static readonly DOTNET_10 = new Runtime('dotnet10', RuntimeFamily.DOTNET_CORE, { supportsSnapStart: true });
  /** @deprecated Legacy runtime no longer supported by AWS Lambda. Migrate to the latest .NET Core runtime. */
  public static readonly DOTNET_CORE_1 = new Runtime('dotnetcore1.0', RuntimeFamily.DOTNET_CORE);
  /** @deprecated Legacy runtime no longer supported by AWS Lambda. Migrate to the latest .NET Core runtime. */
  public static readonly DOTNET_CORE_2 = new Runtime('dotnetcore2.0', RuntimeFamily.DOTNET_CORE);
  /** @deprecated Legacy runtime no longer supported by AWS Lambda. Migrate to the latest .NET Core runtime. */
  public static readonly DOTNET_CORE_2_1 = new Runtime('dotnetcore2.1', RuntimeFamily.DOTNET_CORE);
  /** @deprecated Legacy runtime no longer supported by AWS Lambda. Migrate to the latest .NET Core runtime. */
  public static readonly DOTNET_CORE_3_1 = new Runtime('dotnetcore3.1', RuntimeFamily.DOTNET_CORE);
  /** @deprecated Legacy runtime no longer supported by AWS Lambda. Migrate to the PROVIDED_AL2023 runtime. */
  public static readonly GO_1_X = new Runtime('go1.x', RuntimeFamily.GO);
  /** @deprecated Legacy runtime no longer supported by AWS Lambda. Migrate to the latest Ruby runtime. */
  public static readonly RUBY_2_5 = new Runtime('ruby2.5', RuntimeFamily.RUBY);
  /** @deprecated Legacy runtime no longer supported by AWS Lambda. Migrate to the latest Ruby runtime. */
  public static readonly RUBY_2_7 = new Runtime('ruby2.7', RuntimeFamily.RUBY);
  public static readonly RUBY_3_2 = new Runtime('ruby3.2', RuntimeFamily.RUBY);
  public static readonly RUBY_3_3 = new Runtime('ruby3.3', RuntimeFamily.RUBY);
  public static readonly RUBY_3_4 = new Runtime('ruby3.4', RuntimeFamily.RUBY);
  public static readonly RUBY_4_0 = new Runtime('ruby4.0', RuntimeFamily.RUBY);
  /** @deprecated Legacy runtime no longer supported by AWS Lambda. Migrate to the latest provided.al2023 runtime. */
  public static readonly PROVIDED = new Runtime('provided', RuntimeFamily.OTHER);
  public static readonly PROVIDED_AL2 = new Runtime('provided.al2', RuntimeFamily.OTHER);
  public static readonly PROVIDED_AL2023 = new Runtime('provided.al2023', RuntimeFamily.OTHER);
  /** For container-image functions: no runtime is set. */
  public static readonly FROM_IMAGE = new Runtime('FROM_IMAGE');

  /** The latest Python runtime this library recommends. */
  public static determineLatestPythonRuntime(_scope: unknown): Runtime {
    return Runtime.PYTHON_3_13;
  }

  /** The name CloudFormation takes, e.g. `nodejs22.x`. */
  public readonly name: string;
  public readonly supportsInlineCode: boolean;
  public readonly supportsCodeGuruProfiling: boolean;
  public readonly supportsSnapStart: boolean;
  /** The language family, if any. */
  public readonly family?: RuntimeFamily;
  /** @deprecated use `bundlingImage` */
  public readonly bundlingDockerImage: DockerImage;
  /** The image Docker bundling would use. */
  public readonly bundlingImage: DockerImage;
  /** Whether the runtime moves with new releases. */
  public readonly isVariable: boolean;

  constructor(name: string, family?: RuntimeFamily, props: LambdaRuntimeProps = {}) {
    this.name = name;
    this.supportsInlineCode = !!props.supportsInlineCode;
    this.family = family;
    this.isVariable = !!props.isVariable;
    this.bundlingDockerImage = DockerImage.fromRegistry(props.bundlingDockerImage ?? `public.ecr.aws/sam/build-${name}`);
    this.bundlingImage = this.bundlingDockerImage;
    this.supportsCodeGuruProfiling = props.supportsCodeGuruProfiling ?? false;
    this.supportsSnapStart = props.supportsSnapStart ?? false;
    Runtime.ALL.push(this);
  }

  public toString(): string {
    return this.name;
  }

  /** Whether `other` is the same runtime. */
  public runtimeEquals(other: Runtime): boolean {
    return other.name === this.name && other.family === this.family && other.supportsInlineCode === this.supportsInlineCode;
  }
}
