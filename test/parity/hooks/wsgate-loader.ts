// Module-resolution hook that points `aws-cdk-lib[/subpath]` imports at wsgate's TypeScript sources.
//
// Registered by register-wsgate.ts, after tsx (`node --import tsx --import ./test/parity/hooks/register-wsgate.ts`).
// Hooks registered later run first, so this resolve() sees each specifier before tsx does. It rewrites the
// specifier to the file: URL of the wsgate source and passes that on down the chain, so tsx still resolves it
// (tsx attaches the module format it needs to compile the .ts file). Every other specifier passes untouched.
import type { ResolveHook } from 'node:module';

/** The repository root: this file lives in <root>/test/parity/hooks/. */
const ROOT = new URL('../../../', import.meta.url);

/** aws-cdk-lib entry point → wsgate source file, relative to the repository root. */
export const WSGATE_ENTRY_POINTS: Readonly<Record<string, string>> = {
  'aws-cdk-lib': 'src/core/index.ts',
  'aws-cdk-lib/aws-apigatewayv2': 'src/apigatewayv2/index.ts',
  'aws-cdk-lib/aws-apigatewayv2-integrations': 'src/apigatewayv2/integrations/index.ts',
  'aws-cdk-lib/aws-apigatewayv2-authorizers': 'src/apigatewayv2/authorizers/index.ts',
  'aws-cdk-lib/aws-lambda': 'src/lambda/index.ts',
  'aws-cdk-lib/aws-lambda-nodejs': 'src/lambda-nodejs/index.ts',
  'aws-cdk-lib/aws-iam': 'src/iam/index.ts',
  'aws-cdk-lib/aws-cloudwatch': 'src/cloudwatch/index.ts',
  'aws-cdk-lib/aws-logs': 'src/logs/index.ts',
  'aws-cdk-lib/aws-dynamodb': 'src/dynamodb/index.ts',
};

export const resolve: ResolveHook = async (specifier, context, nextResolve) => {
  if (specifier !== 'aws-cdk-lib' && !specifier.startsWith('aws-cdk-lib/')) {
    return nextResolve(specifier, context);
  }
  const target = WSGATE_ENTRY_POINTS[specifier];
  if (target === undefined) {
    // Falling through to the real package would mix the two libraries in one app; refuse instead.
    throw new Error(
      `wsgate parity hook: '${specifier}' (imported from ${context.parentURL ?? 'the entry point'}) has no wsgate ` +
        `counterpart; mapped entry points are: ${Object.keys(WSGATE_ENTRY_POINTS).join(', ')}`,
    );
  }
  return nextResolve(new URL(target, ROOT).href, context);
};
