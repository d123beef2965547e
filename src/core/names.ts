/** Unique names derived from construct paths, as aws-cdk-lib computes them. */
import type { IConstruct, Node } from 'constructs';
import { makeUniqueId, makeUniqueResourceName } from './private/uniqueid.js';
import { Stack } from './stack.js';

export interface UniqueResourceNameOptions {
  /** @default 256 */
  readonly maxLength?: number;
  /** @default '' */
  readonly separator?: string;
  /** Characters kept besides letters and digits. @default - none */
  readonly allowedSpecialCharacters?: string;
}

export class Names {
  /** A unique, alphanumeric ID for a construct from its whole path (the stack's id included). */
  public static uniqueId(construct: IConstruct): string {
    return Names.nodeUniqueId(construct.node);
  }

  public static nodeUniqueId(node: Node): string {
    const components = node.scopes.slice(1).map((c) => c.node.id);
    return components.length > 0 ? makeUniqueId(components) : '';
  }

  /** The path of a construct below its stack. */
  public static stackRelativeConstructPath(construct: IConstruct): string {
    const scopes = construct.node.scopes;
    const stack = Stack.of(construct);
    return scopes.slice(scopes.indexOf(stack) + 1).map((c) => c.node.id).join('/');
  }

  /** A unique name for a physical resource, at most `maxLength` characters. */
  public static uniqueResourceName(construct: IConstruct, options: UniqueResourceNameOptions = {}): string {
    const components = construct.node.scopes.slice(1).map((c) => c.node.id);
    return makeUniqueResourceName(components, {
      maxLength: options.maxLength ?? 256,
      separator: options.separator,
      allowedSpecialCharacters: options.allowedSpecialCharacters,
    });
  }

  private constructor() {}
}
