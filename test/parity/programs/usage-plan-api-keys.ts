// UsagePlan, ApiKey and RateLimitedApiKey with addApiStage / addApiKey, and ApiKey grants.
import * as cdk from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as iam from 'aws-cdk-lib/aws-iam';

export default function build(): cdk.App {
  const app = new cdk.App();
  const stack = new cdk.Stack(app, 'TestStack');
  const api = new apigwv2.WebSocketApi(stack, 'mywsapi', {
    apiKeySelectionExpression: apigwv2.WebSocketApiKeySelectionExpression.HEADER_X_API_KEY,
  });
  const stage = new apigwv2.WebSocketStage(stack, 'mystage', { webSocketApi: api, stageName: 'dev' });
  const prod = new apigwv2.WebSocketStage(stack, 'prodstage', { webSocketApi: api, stageName: 'prod' });
  const plan = new apigwv2.UsagePlan(stack, 'UsagePlan', {
    usagePlanName: 'Basic',
    description: 'Basic plan',
    apiStages: [{ api, stage }],
    quota: { limit: 10000, offset: 1, period: apigwv2.Period.MONTH },
    throttle: { rateLimit: 10, burstLimit: 20 },
  });
  plan.addApiStage({ api, stage: prod });
  const key = new apigwv2.ApiKey(stack, 'ApiKey', {
    apiKeyName: 'my-key',
    description: 'A key',
    value: 'abcdefghijklmnopqrstuvwxyz',
    enabled: true,
    generateDistinctId: true,
    customerId: 'customer-1',
  });
  plan.addApiKey(key);
  plan.addApiKey(new apigwv2.ApiKey(stack, 'SecondKey'), { overrideLogicalId: 'SecondKeyMapping' });
  new apigwv2.UsagePlan(stack, 'EmptyPlan');
  new apigwv2.RateLimitedApiKey(stack, 'RateLimited', {
    apiStages: [{ api, stage }],
    quota: { limit: 100, period: apigwv2.Period.DAY },
    throttle: { rateLimit: 1 },
  });
  const reader = new iam.Role(stack, 'Reader', { assumedBy: new iam.AccountRootPrincipal() });
  const writer = new iam.User(stack, 'Writer');
  const admin = new iam.Role(stack, 'Admin', { assumedBy: new iam.AccountRootPrincipal() });
  key.grantRead(reader);
  key.grantWrite(writer);
  key.grantReadWrite(admin);
  const imported = apigwv2.ApiKey.fromApiKeyId(stack, 'ImportedKey', 'imported-key-id');
  plan.addApiKey(imported);
  apigwv2.UsagePlan.fromUsagePlanId(stack, 'ImportedPlan', 'plan-id').addApiKey(key);
  new cdk.CfnOutput(stack, 'KeyId', { value: key.keyId });
  new cdk.CfnOutput(stack, 'KeyArn', { value: key.keyArn });
  new cdk.CfnOutput(stack, 'PlanId', { value: plan.usagePlanId });
  return app;
}
