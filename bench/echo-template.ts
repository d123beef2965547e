/** The benchmark's API: a two-way `$default` route whose Lambda handler echoes the body. */
export const ECHO_TEMPLATE = {
  Resources: {
    Api: { Type: 'AWS::ApiGatewayV2::Api', Properties: { Name: 'bench', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action' } },
    Stage: { Type: 'AWS::ApiGatewayV2::Stage', Properties: { ApiId: { Ref: 'Api' }, StageName: 'bench' } },
    Echo: { Type: 'AWS::Lambda::Function', Properties: { Runtime: 'nodejs22.x', Handler: 'index.handler', MemorySize: 1024, Code: { ZipFile: 'exports.handler = async (event) => ({ statusCode: 200, body: event.body });' } } },
    Integ: { Type: 'AWS::ApiGatewayV2::Integration', Properties: { ApiId: { Ref: 'Api' }, IntegrationType: 'AWS_PROXY', IntegrationUri: { 'Fn::Sub': 'arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Echo.Arn}/invocations' } } },
    Route: { Type: 'AWS::ApiGatewayV2::Route', Properties: { ApiId: { Ref: 'Api' }, RouteKey: '$default', Target: { 'Fn::Sub': 'integrations/${Integ}' }, RouteResponseSelectionExpression: '$default' } },
    Response: { Type: 'AWS::ApiGatewayV2::RouteResponse', Properties: { ApiId: { Ref: 'Api' }, RouteId: { Ref: 'Route' }, RouteResponseKey: '$default' } },
  },
};
