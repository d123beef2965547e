/**
 * An app for the limits tests, built with wsgate's constructs:
 * - `Keyed` (stage dev): `$connect` requires an API key (x-api-key); plan `Basic` holds keys Good
 *   (template value), Disabled, and Given (no value: the gateway option gives it); plan `Tiny` holds
 *   key Quota with a quota of 2 per day. `$default` answers the event's identity (two-way).
 * - `Throttled` (stage dev, throttle rate 0.05/s burst 2: a token every 20 s): `$default` echoes.
 * - `Flood`: stage `limited` (rate 20/s, burst 5; route `ping` rate 50/s, burst 10) and stage
 *   `open` (no stage throttle), `$default` and `ping` echo.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as apigwv2 from '../../../src/apigatewayv2/index.js';
import { WebSocketLambdaIntegration, WebSocketMockIntegration } from '../../../src/apigatewayv2/integrations/index.js';
import { App, Stack, type CfnResource } from '../../../src/core/index.js';
import * as lambda from '../../../src/lambda/index.js';

export const KEYS = { good: 'good-key-0123456789abcdef', disabled: 'disabled-key-0123456789abc', given: 'given-key-0123456789abcdef', quota: 'quota-key-0123456789abcdef' };

export function buildLimitsApp(): App {
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'wsgate-limits-')) });
  const stack = new Stack(app, 'LimitsStack');
  const fn = (id: string, code: string) => new lambda.Function(stack, id, { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline(code) });
  const echo = fn('Echo', 'exports.handler = async (e) => ({ body: e.body });');
  const identity = fn('Identity', 'exports.handler = async (e) => ({ body: JSON.stringify(e.requestContext.identity) });');

  const keyed = new apigwv2.WebSocketApi(stack, 'Keyed', { apiKeySelectionExpression: apigwv2.WebSocketApiKeySelectionExpression.HEADER_X_API_KEY });
  new apigwv2.WebSocketRoute(stack, 'KeyedConnect', { webSocketApi: keyed, routeKey: '$connect', apiKeyRequired: true, integration: new WebSocketMockIntegration('KeyedConnectMock') });
  keyed.addRoute('$default', { integration: new WebSocketLambdaIntegration('KeyedDefault', identity), returnResponse: true });
  const keyedDev = new apigwv2.WebSocketStage(stack, 'KeyedDev', { webSocketApi: keyed, stageName: 'dev', autoDeploy: true });
  const basic = new apigwv2.UsagePlan(stack, 'Basic', { apiStages: [{ api: keyed, stage: keyedDev }] });
  basic.addApiKey(new apigwv2.ApiKey(stack, 'Good', { value: KEYS.good }));
  basic.addApiKey(new apigwv2.ApiKey(stack, 'Disabled', { value: KEYS.disabled, enabled: false }));
  basic.addApiKey(new apigwv2.ApiKey(stack, 'Given', { apiKeyName: 'given' }));
  const tiny = new apigwv2.UsagePlan(stack, 'Tiny', { apiStages: [{ api: keyed, stage: keyedDev }], quota: { limit: 2, period: apigwv2.Period.DAY } });
  tiny.addApiKey(new apigwv2.ApiKey(stack, 'Quota', { value: KEYS.quota }));

  const throttled = new apigwv2.WebSocketApi(stack, 'Throttled');
  throttled.addRoute('$default', { integration: new WebSocketLambdaIntegration('ThrottledDefault', echo), returnResponse: true });
  new apigwv2.WebSocketStage(stack, 'ThrottledDev', { webSocketApi: throttled, stageName: 'dev', autoDeploy: true, throttle: { rateLimit: 0.05, burstLimit: 2 } });

  const flood = new apigwv2.WebSocketApi(stack, 'Flood');
  flood.addRoute('$default', { integration: new WebSocketLambdaIntegration('FloodDefault', echo), returnResponse: true });
  flood.addRoute('ping', { integration: new WebSocketLambdaIntegration('FloodPing', echo), returnResponse: true });
  const limited = new apigwv2.WebSocketStage(stack, 'FloodLimited', { webSocketApi: flood, stageName: 'limited', autoDeploy: true, throttle: { rateLimit: 20, burstLimit: 5 } });
  (limited.node.defaultChild as CfnResource).addPropertyOverride('RouteSettings', { ping: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 10 } });
  new apigwv2.WebSocketStage(stack, 'FloodOpen', { webSocketApi: flood, stageName: 'open', autoDeploy: true });
  return app;
}
