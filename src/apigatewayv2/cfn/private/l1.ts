/**
 * Helpers shared by the hand-written L1 classes: required-property checks, props that take either
 * a reference object or a plain id, imports of bare references, and the JSON type of free-form
 * properties.
 */
import { Construct, type IConstruct } from 'constructs';
import { Resource, UnscopedValidationError, ValidationError } from '../../../core/index.js';

/**
 * A free-form JSON property (a template map, a schema, an OpenAPI body). aws-cdk-lib types these
 * as `any`, and so do we, so values read back from an L1 keep working as they do there.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- free-form JSON, typed `any` as in aws-cdk-lib
export type CfnJson = any;

/** A Lambda function as L1 props accept it (the shape of aws-cdk-lib's `lambda.IFunctionRef`). */
export interface IFunctionRefLike {
  readonly functionRef: { readonly functionArn: string };
}

/** A REST API as L1 props accept it (the shape of aws-cdk-lib's `apigateway.IRestApiRef`). */
export interface IRestApiRefLike {
  readonly restApiRef: { readonly restApiId: string };
}

/** A security group as L1 props accept it (the shape of aws-cdk-lib's `ec2.ISecurityGroupRef`). */
export interface ISecurityGroupRefLike {
  readonly securityGroupRef: { readonly securityGroupId: string };
}

/** A subnet as L1 props accept it (the shape of aws-cdk-lib's `ec2.ISubnetRef`). */
export interface ISubnetRefLike {
  readonly subnetRef: { readonly subnetId: string };
}

/** Throws `MissingRequiredProperty` when a required prop is null or undefined. */
export function requireProperty(props: object, name: string, scope: IConstruct): void {
  const value = (props as Record<string, unknown>)[name];
  if (value == null) {
    throw new ValidationError('MissingRequiredProperty', `${scope.toString()} is missing required property: ${name}`, scope);
  }
}

/** Where a reference object keeps an id: `[refProperty, idProperty]`, e.g. `['apiRef', 'apiId']`. */
export type RefPath = readonly [string, string];

/**
 * The id a prop stands for: `value[refProperty][idProperty]` for the first of `paths` whose
 * reference member the value has, the prop itself when it is a string, and undefined when absent.
 */
export function idFromRef(value: unknown, paths: RefPath | readonly RefPath[], propName: string, possibleTypes: string): string | undefined {
  const list = (typeof paths[0] === 'string' ? [paths] : paths) as readonly RefPath[];
  for (const [refProperty, idProperty] of list) {
    const ref = (value as Record<string, unknown> | null | undefined)?.[refProperty];
    if (ref == null) continue;
    const id = (ref as Record<string, unknown>)[idProperty];
    if (id === undefined) throw new TypeError(`Expected '${idProperty}' to be defined in reference interface`);
    return id as string;
  }
  if (value !== undefined && typeof value !== 'string') {
    throw new TypeError(`Property ${propName} should be one of ${possibleTypes}`);
  }
  return value;
}

/**
 * A plain Resource that only carries the reference members it is given (the L1 `fromXxx` imports).
 * Named `Import` like aws-cdk-lib's, since error messages quote the class name.
 */
class Import extends Resource {
  constructor(scope: Construct, id: string, environmentFromArn?: string) {
    super(scope, id, environmentFromArn !== undefined ? { environmentFromArn } : {});
  }
}

/** Makes an imported reference: a Resource at `scope/id` with `members` copied onto it. */
export function importReference<T extends object>(scope: Construct, id: string, members: T, environmentFromArn?: string): Import & T {
  const imported = new Import(scope, id, environmentFromArn);
  Object.assign(imported, members);
  return imported as Import & T;
}

/**
 * Reads the `${Name}` placeholders of `template` out of `input`: each placeholder takes the text
 * up to the next literal part. Throws `InputDoesMatchTemplate` when the literal parts do not line up.
 */
export function parseTemplate(template: string, input: string): Record<string, string> {
  const parts = template.split(/(\$\{[^{}]+\})/);
  const mismatch = () => new UnscopedValidationError('InputDoesMatchTemplate', `Input ${input} does not match template ${template}`);
  const result: Record<string, string> = {};
  let pos = 0;
  parts.forEach((part, i) => {
    if (part.startsWith('${') && part.endsWith('}')) {
      const following = parts[i + 1] ?? '';
      const end = following ? input.indexOf(following, pos) : input.length;
      if (end < 0) throw mismatch();
      result[part.slice(2, -1)] = input.slice(pos, end);
      pos = end;
    } else {
      if (input.slice(pos, pos + part.length) !== part) throw mismatch();
      pos += part.length;
    }
  });
  if (pos !== input.length) throw mismatch();
  return result;
}
