/** Helpers for the WebSocket construct tests: a test integration and a small Lambda function. */
import type { Construct } from 'constructs';
import * as lambda from '../../../src/lambda/index.js';
import {
  WebSocketIntegrationType, WebSocketRouteIntegration, type WebSocketRouteIntegrationConfig,
} from '../../../src/apigatewayv2/index.js';

/** An integration that only says what it is: AWS_PROXY to 'some-uri'. */
export class DummyIntegration extends WebSocketRouteIntegration {
  constructor(id = 'DummyIntegration') {
    super(id);
  }

  public bind(): WebSocketRouteIntegrationConfig {
    return { type: WebSocketIntegrationType.AWS_PROXY, uri: 'some-uri' };
  }
}

/** A Node.js function with inline code. */
export function inlineFunction(scope: Construct, id: string): lambda.Function {
  return new lambda.Function(scope, id, {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
  });
}
