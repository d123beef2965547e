/**
 * `TableGrants`: the permissions a DynamoDB table can give. Statements name the table's ARN, and
 * `<arn>/index/*` too when the table has a secondary index (decided at synthesis, so an index added
 * after the grant still counts).
 */
import { Lazy, Stack, Token, ValidationError, type ResourceEnvironment } from '../core/index.js';
import {
  Grant, PolicyDocument, ServicePrincipal,
  type AddToResourcePolicyResult, type IGrantable, type IPrincipal, type IResourceWithPolicyV2, type PolicyStatement,
} from '../iam/index.js';
import { CfnTable, type ITableRef } from './cfn-table.js';
import { DESCRIBE_TABLE, PRINCIPAL_ONLY_READ_DATA_ACTIONS, RESOURCE_READ_DATA_ACTIONS, WRITE_DATA_ACTIONS } from './perms.js';

/** Properties of `TableGrants`. */
export interface TableGrantsProps {
  /** The table the grants are on. */
  readonly table: ITableRef;
  /** Regions holding replicas of the table; their ARNs are granted too. @default - none */
  readonly regions?: string[];
  /** Whether the table has secondary indexes. @default - asked of the table when it can tell, else false */
  readonly hasIndex?: boolean;
  /** The resource whose policy receives statements the principal's policy cannot hold. @default - the table, if it has a policy */
  readonly policyResource?: IResourceWithPolicyV2;
}

/** Service principals a table's resource policy may name (DynamoDB's own integrations). */
const SUPPORTED_SERVICE_PRINCIPALS = new Set(['redshift.amazonaws.com', 'replication.dynamodb.amazonaws.com', 'glue.amazonaws.com']);

/** Grants on a DynamoDB table: in the grantee's policy, or in the table's resource policy across accounts. */
export class TableGrants {
  /** The grants of `table`. */
  public static fromTable(table: ITableRef, regions?: string[], hasIndex?: boolean): TableGrants {
    return new TableGrants({ table, regions, hasIndex });
  }

  private readonly table: ITableRef;
  private readonly arns: string[];
  private readonly policyResource?: IResourceWithPolicyV2;

  constructor(props: TableGrantsProps) {
    this.table = props.table;
    this.policyResource = props.policyResource ?? policyResourceOf(props.table);
    const stack = Stack.of(props.table);
    const tableName = props.table.tableRef.tableName;
    const tableArn = props.table.tableRef.tableArn;
    const regions = props.regions ?? [];
    const regionalArn = (region: string): string => stack.formatArn({ region, service: 'dynamodb', resource: 'table', resourceName: tableName });
    const indexArn = (arn: string): string => Lazy.string({
      produce: () => (props.hasIndex ?? hasIndexOf(props.table)) ? `${arn}/index/*` : undefined,
    });
    this.arns = [
      tableArn,
      ...regions.map(regionalArn),
      indexArn(tableArn),
      ...regions.map((region) => indexArn(regionalArn(region))),
    ];
  }

  /** Gives `grantee` these actions on the table (and its indexes). */
  public actions(grantee: IGrantable, ...actions: string[]): Grant {
    if (isUnsupportedServicePrincipal(grantee.grantPrincipal)) {
      throw new ValidationError('ServicePrincipalGrantNotSupported',
        'DynamoDB grant* methods do not support ServicePrincipal grantees. Use table.addToResourcePolicy() for an explicit service-specific table policy with required service principal, actions, and conditions',
        this.table);
    }
    return this.policyResource
      ? Grant.addToPrincipalOrResource({ grantee, actions, resourceArns: this.arns, resource: this.policyResource, resourceSelfArns: ['*'] })
      : Grant.addToPrincipal({ grantee, actions, resourceArns: this.arns });
  }

  /** Gives `grantee` permission to read items, describe the table and read its stream records. */
  public readData(grantee: IGrantable): Grant {
    return this.actions(grantee, ...RESOURCE_READ_DATA_ACTIONS, DESCRIBE_TABLE).combine(this.principalOnlyReads(grantee));
  }

  /** Gives `grantee` permission to write items and describe the table. */
  public writeData(grantee: IGrantable): Grant {
    return this.actions(grantee, ...WRITE_DATA_ACTIONS, DESCRIBE_TABLE);
  }

  /** Gives `grantee` permission to read and write items, describe the table and read its stream records. */
  public readWriteData(grantee: IGrantable): Grant {
    return this.actions(grantee, ...RESOURCE_READ_DATA_ACTIONS, ...WRITE_DATA_ACTIONS, DESCRIBE_TABLE)
      .combine(this.principalOnlyReads(grantee));
  }

  /** Gives `grantee` every DynamoDB action on the table (`dynamodb:*`). */
  public fullAccess(grantee: IGrantable): Grant {
    return this.actions(grantee, 'dynamodb:*');
  }

  /** Stream record reads, which only the principal's own policy can allow. */
  private principalOnlyReads(grantee: IGrantable): Grant {
    return Grant.addToPrincipal({ grantee, actions: [...PRINCIPAL_ONLY_READ_DATA_ACTIONS], resourceArns: this.arns });
  }
}

/** Whether a table says it has indexes (the L2 tables and their imports do). */
function hasIndexOf(table: ITableRef): boolean {
  return 'hasIndex' in table ? Boolean((table as { hasIndex?: boolean }).hasIndex) : false;
}

/** The table itself when it has a resource policy of its own; a bare CfnTable's `ResourcePolicy` property. */
function policyResourceOf(table: ITableRef): IResourceWithPolicyV2 | undefined {
  if (typeof (table as Partial<IResourceWithPolicyV2>).addToResourcePolicy === 'function') return table as unknown as IResourceWithPolicyV2;
  if (CfnTable.isCfnTable(table)) return new CfnTablePolicy(table);
  return undefined;
}

/** A service principal a table grant cannot name: anything but DynamoDB's own integrations. */
function isUnsupportedServicePrincipal(principal: IPrincipal): boolean {
  if (!('Service' in principal.policyFragment.principalJson)) return false;
  const service = serviceOf(principal);
  return service === undefined || !SUPPORTED_SERVICE_PRINCIPALS.has(service);
}

/** The service of a service principal, looking inside principals that wrap another. */
function serviceOf(principal: IPrincipal): string | undefined {
  if (principal instanceof ServicePrincipal) return principal.service;
  const inner = (principal as { wrapped?: IPrincipal }).wrapped;
  return inner != null ? serviceOf(inner) : undefined;
}

/** The `ResourcePolicy` property of a CfnTable, as a policy statements can be added to. */
class CfnTablePolicy implements IResourceWithPolicyV2 {
  public readonly env: ResourceEnvironment;
  private document?: PolicyDocument;

  constructor(private readonly table: CfnTable) {
    this.env = table.env;
  }

  public addToResourcePolicy(statement: PolicyStatement): AddToResourcePolicyResult {
    if (!this.document) {
      // A policy given as a token cannot be added to.
      if (Token.isUnresolved(this.table.resourcePolicy)) return { statementAdded: false };
      const current = this.table.resourcePolicy as CfnTable.ResourcePolicyProperty | undefined;
      this.document = PolicyDocument.fromJson(current?.policyDocument ?? { Statement: [] });
    }
    this.document.addStatements(statement);
    this.table.resourcePolicy = { policyDocument: this.document.toJSON() };
    return { statementAdded: true, policyDependable: this.table };
  }
}
