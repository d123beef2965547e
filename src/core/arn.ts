/** Building and taking apart ARNs, with tokens allowed in any part. */
import { Fn } from './fn.js';
import { Token } from './token.js';
import { UnscopedValidationError } from './errors.js';
import type { Stack } from './stack.js';

/** How the resource part of an ARN is laid out. */
export enum ArnFormat {
  /** `arn:aws:service:region:account:resource` */
  NO_RESOURCE_NAME = 'arn:aws:service:region:account:resource',
  /** `arn:aws:service:region:account:resource:resourceName` */
  COLON_RESOURCE_NAME = 'arn:aws:service:region:account:resource:resourceName',
  /** `arn:aws:service:region:account:resource/resourceName` */
  SLASH_RESOURCE_NAME = 'arn:aws:service:region:account:resource/resourceName',
  /** `arn:aws:service:region:account:resource/resource/resourceName` */
  SLASH_RESOURCE_SLASH_RESOURCE_NAME = 'arn:aws:service:region:account:resource/resource/resourceName',
}

export interface ArnComponents {
  /** @default - the stack's partition */
  readonly partition?: string;
  readonly service: string;
  /** @default - the stack's region; '' for none */
  readonly region?: string;
  /** @default - the stack's account; '' for none */
  readonly account?: string;
  readonly resource: string;
  /** @deprecated use arnFormat */
  readonly sep?: string;
  /** @default - none */
  readonly resourceName?: string;
  /** @default - SLASH_RESOURCE_NAME, or COLON_RESOURCE_NAME when sep is ':' */
  readonly arnFormat?: ArnFormat;
}

export class Arn {
  /** Builds an ARN; missing partition, region and account come from `stack`. */
  public static format(components: ArnComponents, stack?: Stack): string {
    const partition = components.partition ?? stack?.partition;
    const region = components.region ?? stack?.region;
    const account = components.account ?? stack?.account;
    if (partition == null || region == null || account == null) {
      throw new UnscopedValidationError('ArnFormatRequiresStack',
        `Arn.format: partition (${partition}), region (${region}), and account (${account}) must all be passed if stack is not passed.`);
    }
    const arnFormat = components.arnFormat ?? (components.sep === ':' ? ArnFormat.COLON_RESOURCE_NAME : ArnFormat.SLASH_RESOURCE_NAME);
    const sep = components.sep ?? (arnFormat === ArnFormat.COLON_RESOURCE_NAME ? ':' : '/');
    if (sep !== '/' && sep !== ':' && sep !== '') {
      throw new UnscopedValidationError('ResourcePathSepInvalid', 'resourcePathSep may only be ":", "/" or an empty string');
    }
    // The two-level layout starts its resource part with a slash (`...:account:/domainnames/name`).
    const lead = components.arnFormat === ArnFormat.SLASH_RESOURCE_SLASH_RESOURCE_NAME ? ['/'] : [];
    const values = ['arn', ':', partition, ':', components.service, ':', region, ':', account, ':', ...lead, components.resource];
    if (components.resourceName != null) values.push(sep, components.resourceName);
    return values.join('');
  }

  /** Takes an ARN apart; a token ARN gives tokens (`Fn::Select` of `Fn::Split`). */
  public static split(arn: string, arnFormat: ArnFormat): ArnComponents {
    // A string that already has the shape of an ARN is split on its literal colons even if some
    // parts are tokens (as aws-cdk-lib does), so `arn:${Partition}:logs:...:log-group:name` keeps
    // `name` literal; only an opaque token ARN needs `Fn::Split`.
    const looksLikeArn = arn.startsWith('arn:') && arn.split(':').length >= 6;
    return Token.isUnresolved(arn) && !looksLikeArn ? splitTokenArn(arn, arnFormat) : splitLiteralArn(arn, arnFormat);
  }

  /** The resource name of an ARN whose resource type is `resourceType`. */
  public static extractResourceName(arn: string, resourceType: string): string {
    const components = Arn.split(arn, ArnFormat.SLASH_RESOURCE_NAME);
    if (!Token.isUnresolved(arn) && components.resource !== resourceType) {
      throw new UnscopedValidationError('ExpectedResourceType', `Expected resource type '${resourceType}' in ARN, got '${components.resource}' in '${arn}'`);
    }
    return components.resourceName ?? '';
  }

  private constructor() {}
}

function splitTokenArn(arn: string, arnFormat: ArnFormat): ArnComponents {
  const parts = Fn.split(':', arn);
  const base = {
    partition: Fn.select(1, parts),
    service: Fn.select(2, parts),
    region: Fn.select(3, parts),
    account: Fn.select(4, parts),
    arnFormat,
  };
  if (arnFormat === ArnFormat.NO_RESOURCE_NAME) return { ...base, resource: Fn.select(5, parts) };
  if (arnFormat === ArnFormat.COLON_RESOURCE_NAME) {
    return { ...base, resource: Fn.select(5, parts), resourceName: Fn.select(6, parts), sep: ':' };
  }
  const last = Fn.split('/', Fn.select(5, parts));
  return { ...base, resource: Fn.select(0, last), resourceName: Fn.select(1, last), sep: '/' };
}

function splitLiteralArn(arn: string, arnFormat: ArnFormat): ArnComponents {
  const parts = arn.split(':');
  if (parts.length < 6) throw new UnscopedValidationError('ArnsMustHaveLeast', `ARNs must have at least 6 components: ${arn}`);
  const [prefix, partition, service, region, account, first, ...rest] = parts;
  if (prefix !== 'arn') throw new UnscopedValidationError('ArnsMustStartArn', `ARNs must start with "arn:": ${arn}`);
  if (!service) throw new UnscopedValidationError('ServiceComponent3rdComponent', `The \`service\` component (3rd component) of an ARN is required: ${arn}`);
  if (!first) throw new UnscopedValidationError('ResourceComponent6thComponent', `The \`resource\` component (6th component) of an ARN is required: ${arn}`);
  const base = { partition, service, region, account, arnFormat };
  switch (arnFormat) {
    case ArnFormat.NO_RESOURCE_NAME:
      return { ...base, resource: [first, ...rest].join(':') };
    case ArnFormat.COLON_RESOURCE_NAME:
      return { ...base, resource: first, resourceName: rest.length ? rest.join(':') : undefined, sep: ':' };
    case ArnFormat.SLASH_RESOURCE_SLASH_RESOURCE_NAME: {
      const segs = [first, ...rest].join(':').split('/');
      return { ...base, resource: segs.slice(0, 2).join('/'), resourceName: segs.length > 2 ? segs.slice(2).join('/') : undefined, sep: '/' };
    }
    default: {
      const full = [first, ...rest].join(':');
      const slash = full.indexOf('/');
      if (slash < 0) return { ...base, resource: full, sep: '/' };
      return { ...base, resource: full.slice(0, slash), resourceName: full.slice(slash + 1), sep: '/' };
    }
  }
}
