/**
 * The physical IDs and attributes CloudFormation would give resources, made up deterministically
 * (the same stack and logical ID always give the same values), in the formats AWS uses.
 */
import { createHash } from 'node:crypto';
import type { ModelEnvironment } from './gateway-model.js';

type Properties = Record<string, unknown>;

function digest(...parts: string[]): Buffer {
  return createHash('sha256').update(parts.join('\0')).digest();
}

/** `length` lowercase letters and digits derived from the inputs (API Gateway ids look like this). */
export function shortId(length: number, ...parts: string[]): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = digest(...parts);
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[bytes[i] % alphabet.length];
  return out;
}

/** A CloudFormation-style generated name: `<stack>-<logicalId>-<SUFFIX>`, at most `max` characters. */
export function generatedName(stackName: string, logicalId: string, max = 64, upper = true): string {
  const suffix = shortId(12, stackName, logicalId, 'name');
  const tail = `-${upper ? suffix.toUpperCase() : suffix}`;
  const room = max - tail.length;
  const stackPart = stackName.slice(0, Math.max(1, Math.floor(room / 2)));
  const logicalPart = logicalId.slice(0, room - stackPart.length - 1);
  return `${stackPart}-${logicalPart}${tail}`;
}

/** The value of `{ Ref: logicalId }` for a resource. */
export function refOf(type: string, logicalId: string, props: Properties, stackName: string, env: ModelEnvironment): string {
  const named = (prop: string, max = 64) => (typeof props[prop] === 'string' ? String(props[prop]) : generatedName(stackName, logicalId, max));
  switch (type) {
    case 'AWS::ApiGatewayV2::Api': return shortId(10, stackName, logicalId);
    case 'AWS::ApiGatewayV2::Stage': return String(props.StageName ?? logicalId);
    case 'AWS::ApiGateway::ApiKey': return shortId(10, stackName, logicalId);
    case 'AWS::ApiGateway::UsagePlan': return shortId(6, stackName, logicalId);
    case 'AWS::Lambda::Function': return named('FunctionName');
    case 'AWS::IAM::Role': return named('RoleName');
    case 'AWS::IAM::User': return named('UserName');
    case 'AWS::IAM::ManagedPolicy': return `arn:${env.partition}:iam::${env.account}:policy/${named('ManagedPolicyName')}`;
    case 'AWS::DynamoDB::Table': return named('TableName', 255);
    case 'AWS::Logs::LogGroup': return named('LogGroupName', 512);
    case 'AWS::IAM::Policy': return `${stackName.slice(0, 5)}-${shortId(12, stackName, logicalId).toUpperCase()}`;
    default: return shortId(7, stackName, logicalId, type);
  }
}

/** The value of `{ Fn::GetAtt: [logicalId, attribute] }`; undefined when the attribute is unknown. */
export function attributeOf(type: string, attribute: string, physicalId: string, env: ModelEnvironment): unknown {
  const { partition, region, account, urlSuffix } = env;
  const arn = (service: string, resource: string, regional = true) =>
    `arn:${partition}:${service}:${regional ? region : ''}:${account}:${resource}`;
  switch (`${type}.${attribute}`) {
    case 'AWS::ApiGatewayV2::Api.ApiEndpoint': return `wss://${physicalId}.execute-api.${region}.${urlSuffix}`;
    case 'AWS::ApiGatewayV2::Api.ApiId': return physicalId;
    case 'AWS::Lambda::Function.Arn': return arn('lambda', `function:${physicalId}`);
    case 'AWS::IAM::Role.Arn': return arn('iam', `role/${physicalId}`, false);
    case 'AWS::IAM::Role.RoleId': return `AROA${shortId(17, physicalId).toUpperCase()}`;
    case 'AWS::IAM::User.Arn': return arn('iam', `user/${physicalId}`, false);
    case 'AWS::DynamoDB::Table.Arn': return arn('dynamodb', `table/${physicalId}`);
    case 'AWS::DynamoDB::Table.StreamArn': return arn('dynamodb', `table/${physicalId}/stream/1970-01-01T00:00:00.000`);
    case 'AWS::Logs::LogGroup.Arn': return arn('logs', `log-group:${physicalId}:*`);
    case 'AWS::ApiGatewayV2::DomainName.RegionalDomainName': return `d-${shortId(10, physicalId)}.execute-api.${region}.${urlSuffix}`;
    case 'AWS::ApiGatewayV2::DomainName.RegionalHostedZoneId': return 'Z1UJRXOUMOOFQ8';
    default:
      if (attribute === 'Arn') return arn(type.split('::')[1]?.toLowerCase() ?? 'unknown', `${type.split('::')[2]?.toLowerCase()}/${physicalId}`);
      return undefined;
  }
}
