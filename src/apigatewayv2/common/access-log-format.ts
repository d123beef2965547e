/**
 * Access-log formats and the `$context` variables they are made of (aws-cdk-lib keeps these in
 * aws-apigateway; wsgate exports them from `wsgate/aws-apigateway` and `wsgate/aws-apigatewayv2`).
 */

/** One `$context` variable of an access log. */
export class AccessLogField {
  public static contextRequestId(): string { return '$context.requestId'; }
  public static contextExtendedRequestId(): string { return '$context.extendedRequestId'; }
  public static contextIdentitySourceIp(): string { return '$context.identity.sourceIp'; }
  public static contextIdentityCaller(): string { return '$context.identity.caller'; }
  public static contextIdentityUser(): string { return '$context.identity.user'; }
  public static contextIdentityUserAgent(): string { return '$context.identity.userAgent'; }
  public static contextIdentityAccountId(): string { return '$context.identity.accountId'; }
  public static contextRequestTime(): string { return '$context.requestTime'; }
  public static contextRequestTimeEpoch(): string { return '$context.requestTimeEpoch'; }
  public static contextEventType(): string { return '$context.eventType'; }
  public static contextRouteKey(): string { return '$context.routeKey'; }
  public static contextConnectionId(): string { return '$context.connectionId'; }
  public static contextStatus(): string { return '$context.status'; }
  public static contextStage(): string { return '$context.stage'; }
  public static contextApiId(): string { return '$context.apiId'; }
  public static contextDomainName(): string { return '$context.domainName'; }
  public static contextHttpMethod(): string { return '$context.httpMethod'; }
  public static contextProtocol(): string { return '$context.protocol'; }
  public static contextResponseLength(): string { return '$context.responseLength'; }
  public static contextResponseLatency(): string { return '$context.responseLatency'; }
  public static contextIntegrationLatency(): string { return '$context.integrationLatency'; }
  public static contextIntegrationStatus(): string { return '$context.integration.status'; }
  public static contextErrorMessage(): string { return '$context.error.message'; }
  public static contextErrorMessageString(): string { return '$context.error.messageString'; }
  public static contextAuthorizerPrincipalId(): string { return '$context.authorizer.principalId'; }
  public static contextAuthorizer(property: string): string { return `$context.authorizer.${property}`; }
  public static contextResourcePath(): string { return '$context.resourcePath'; }
  public static contextPath(): string { return '$context.path'; }

  private constructor() {}
}

/** Fields of the JSON access-log format. */
export interface JsonWithStandardFieldProps {
  readonly ip: boolean;
  readonly caller: boolean;
  readonly user: boolean;
  readonly requestTime: boolean;
  readonly httpMethod: boolean;
  readonly resourcePath: boolean;
  readonly status: boolean;
  readonly protocol: boolean;
  readonly responseLength: boolean;
}

/** The layout of an access-log line. */
export class AccessLogFormat {
  /** A format given as a string of `$context` variables. */
  public static custom(format: string): AccessLogFormat {
    return new AccessLogFormat(format);
  }

  /** Common Log Format. */
  public static clf(): AccessLogFormat {
    const requester = [AccessLogField.contextIdentitySourceIp(), AccessLogField.contextIdentityCaller(), AccessLogField.contextIdentityUser()].join(' ');
    const requestTime = AccessLogField.contextRequestTime();
    const request = [AccessLogField.contextHttpMethod(), AccessLogField.contextResourcePath(), AccessLogField.contextProtocol()].join(' ');
    const status = [AccessLogField.contextStatus(), AccessLogField.contextResponseLength(), AccessLogField.contextRequestId()].join(' ');
    return new AccessLogFormat(`${requester} [${requestTime}] "${request}" ${status}`);
  }

  /** A JSON line with the chosen standard fields. */
  public static jsonWithStandardFields(fields: JsonWithStandardFieldProps = {
    ip: true, user: true, caller: true, requestTime: true, httpMethod: true,
    resourcePath: true, status: true, protocol: true, responseLength: true,
  }): AccessLogFormat {
    const out: Record<string, string> = { requestId: AccessLogField.contextRequestId() };
    if (fields.ip) out.ip = AccessLogField.contextIdentitySourceIp();
    if (fields.caller) out.caller = AccessLogField.contextIdentityCaller();
    if (fields.user) out.user = AccessLogField.contextIdentityUser();
    if (fields.requestTime) out.requestTime = AccessLogField.contextRequestTime();
    if (fields.httpMethod) out.httpMethod = AccessLogField.contextHttpMethod();
    if (fields.resourcePath) out.resourcePath = AccessLogField.contextResourcePath();
    if (fields.status) out.status = AccessLogField.contextStatus();
    if (fields.protocol) out.protocol = AccessLogField.contextProtocol();
    if (fields.responseLength) out.responseLength = AccessLogField.contextResponseLength();
    return new AccessLogFormat(JSON.stringify(out));
  }

  private constructor(private readonly format: string) {}

  public toString(): string {
    return this.format;
  }
}
