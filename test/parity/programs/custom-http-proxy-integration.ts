// A user-defined WebSocketRouteIntegration subclass that returns an HTTP_PROXY integration.
import * as cdk from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';

class HttpProxyIntegration extends apigwv2.WebSocketRouteIntegration {
  constructor(
    id: string,
    private readonly url: string,
  ) {
    super(id);
  }

  bind(_options: apigwv2.WebSocketRouteIntegrationBindOptions): apigwv2.WebSocketRouteIntegrationConfig {
    return {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- WebSocketIntegrationType has no HTTP_PROXY member in aws-cdk-lib 2.276; CloudFormation accepts it
      type: 'HTTP_PROXY' as any,
      uri: this.url,
      method: 'POST',
      timeout: cdk.Duration.seconds(5),
    };
  }
}

export default function build(): cdk.App {
  const app = new cdk.App();
  const stack = new cdk.Stack(app, 'TestStack');
  const api = new apigwv2.WebSocketApi(stack, 'mywsapi');
  api.addRoute('forward', { integration: new HttpProxyIntegration('ForwardIntegration', 'https://example.com/hook') });
  api.addRoute('$default', { integration: new HttpProxyIntegration('DefaultIntegration', 'https://example.com/default') });
  return app;
}
