/**
 * The cluster benchmark's API: a two-way `whoami` route whose Lambda handler answers the caller's
 * connection id (so the load generator knows the id of each of its connections). No `$connect` or
 * `$disconnect` route: connecting costs the gateway only the handshake and the registry.
 */
export const CLUSTER_TEMPLATE = {
  Resources: {
    Api: { Type: 'AWS::ApiGatewayV2::Api', Properties: { Name: 'cluster-bench', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action' } },
    Stage: { Type: 'AWS::ApiGatewayV2::Stage', Properties: { ApiId: { Ref: 'Api' }, StageName: 'bench' } },
    WhoAmI: {
      Type: 'AWS::Lambda::Function',
      Properties: { Runtime: 'nodejs22.x', Handler: 'index.handler', MemorySize: 1024, Code: { ZipFile: 'exports.handler = async (event) => ({ statusCode: 200, body: event.requestContext.connectionId });' } },
    },
    Integ: { Type: 'AWS::ApiGatewayV2::Integration', Properties: { ApiId: { Ref: 'Api' }, IntegrationType: 'AWS_PROXY', IntegrationUri: { 'Fn::Sub': 'arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${WhoAmI.Arn}/invocations' } } },
    Route: { Type: 'AWS::ApiGatewayV2::Route', Properties: { ApiId: { Ref: 'Api' }, RouteKey: 'whoami', Target: { 'Fn::Sub': 'integrations/${Integ}' }, RouteResponseSelectionExpression: '$default' } },
    Response: { Type: 'AWS::ApiGatewayV2::RouteResponse', Properties: { ApiId: { Ref: 'Api' }, RouteId: { Ref: 'Route' }, RouteResponseKey: '$default' } },
  },
};

/** The caller the load generator signs management calls as (the nodes know its key). */
export const BENCH_CALLER = { accessKeyId: 'AKIAWSGATECLUSTERBENCH', secretAccessKey: 'cluster-bench-secret' };
