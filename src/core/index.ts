/**
 * `wsgate`: the core of the construct library (aws-cdk-lib's root module): App, Stack, template
 * elements, tokens, intrinsic functions, names, tags, durations and errors.
 * @module
 */
export * from './app.js';
export * from './stack.js';
export * from './stack-synthesizer.js';
export * from './cloud-assembly.js';
export * from './cfn-element.js';
export * from './cfn-resource.js';
export * from './cfn-reference.js';
export * from './cfn-output.js';
export * from './cfn-parameter.js';
export * from './cfn-condition.js';
export * from './cfn-rule.js';
export * from './resolvable.js';
export * from './token.js';
export * from './lazy.js';
export * from './fn.js';
export * from './pseudo.js';
export * from './arn.js';
export * from './duration.js';
export * from './removal-policy.js';
export * from './names.js';
export * from './tag-manager.js';
export * from './cfn-tag.js';
export * from './tags.js';
export * from './aspects.js';
export * from './annotations.js';
export * from './resource.js';
export * from './errors.js';
export * from './asset-staging.js';
