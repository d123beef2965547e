/** `StreamGrants`: the permissions a table's DynamoDB stream can give. */
import { Grant, type IGrantable } from '../iam/index.js';
import { LIST_STREAMS, READ_STREAM_DATA_ACTIONS } from './perms.js';

/** Properties of `StreamGrants`. */
export interface StreamGrantsProps {
  /** The ARN of the table's stream. */
  readonly tableStreamArn: string;
}

/** Grants on a table's stream, always in the grantee's own policy. */
export class StreamGrants {
  private readonly tableStreamArn: string;

  constructor(props: StreamGrantsProps) {
    this.tableStreamArn = props.tableStreamArn;
  }

  /** Gives `grantee` these actions on the stream. */
  public actions(grantee: IGrantable, ...actions: string[]): Grant {
    return Grant.addToPrincipal({ grantee, actions, resourceArns: [this.tableStreamArn] });
  }

  /** Gives `grantee` permission to list streams (`dynamodb:ListStreams` on `*`). */
  public list(grantee: IGrantable): Grant {
    return Grant.addToPrincipal({ grantee, actions: [LIST_STREAMS], resourceArns: ['*'] });
  }

  /** Gives `grantee` permission to list streams and read this stream's records. */
  public read(grantee: IGrantable): Grant {
    this.list(grantee);
    return Grant.addToPrincipal({ grantee, actions: [...READ_STREAM_DATA_ACTIONS], resourceArns: [this.tableStreamArn] });
  }
}
