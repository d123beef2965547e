/**
 * The credentials the gateway accepts: temporary credentials it issues for a template role (as
 * Lambda gives a function its execution role's credentials), and external credentials registered
 * at start (a developer's CLI, a test). Each access key id maps to its secret, its session token,
 * and the principal whose statements decide what the key may do.
 */
import { randomBytes, randomInt } from 'node:crypto';
import type { ModelEnvironment, PolicyStatementModel, RoleModel } from '../../model/gateway-model.js';

/** Who signed a request, and what applies to it. */
export interface Principal {
  /** The caller's ARN as AWS shows it (`arn:aws:sts::{account}:assumed-role/{role}/{session}` for a role). */
  readonly arn: string;
  /** The identity-based statements that apply. */
  readonly statements: readonly PolicyStatementModel[];
  readonly kind: 'role' | 'external';
  /** For a role: its key in the model. */
  readonly roleKey?: string;
  /** For a role: what of its policies could not be read (see RoleModel.unreadable). */
  readonly unreadable: readonly string[];
}

/** A set of credentials the gateway accepts. */
export interface StoredCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly principal: Principal;
}

/** Credentials given to the gateway at start, with what they may do. */
export interface ExternalCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** When given, requests must carry exactly this session token. */
  readonly sessionToken?: string;
  /** The caller's ARN in messages. @default - `arn:{partition}:iam::{account}:user/{accessKeyId}` */
  readonly arn?: string;
  /**
   * What the credentials may do: `'all'` (every action on every resource), a list of actions
   * (wildcards allowed) on every resource, or statements.
   */
  readonly allow: 'all' | readonly string[] | { readonly statements: readonly PolicyStatementModel[] };
}

/** Credentials that cannot be registered. */
export class CredentialStoreError extends Error {
  public readonly code = 'WSGATE_ERR_CREDENTIALS';

  constructor(message: string) {
    super(message);
    this.name = 'CredentialStoreError';
  }
}

const UPPER_ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** IAM's rule for access key ids. */
const ACCESS_KEY_ID = /^\w{16,128}$/;

/** The credentials of one gateway run. */
export class CredentialStore {
  private readonly byAccessKey = new Map<string, StoredCredentials>();
  private readonly issued = new Map<string, StoredCredentials>();

  constructor(private readonly environment: Pick<ModelEnvironment, 'account' | 'partition'>) {}

  /**
   * The temporary credentials of `role` for one session (Lambda names the session after the
   * function): issued on first use, then the same for the rest of the run.
   */
  public issueForRole(role: RoleModel, sessionName: string): StoredCredentials {
    const key = `${role.key}\0${sessionName}`;
    const existing = this.issued.get(key);
    if (existing) return existing;
    let accessKeyId: string;
    do accessKeyId = `ASIA${randomString(16, UPPER_ALPHANUMERIC)}`; while (this.byAccessKey.has(accessKeyId));
    const { account, partition } = this.environment;
    const credentials: StoredCredentials = {
      accessKeyId,
      secretAccessKey: randomString(40, SECRET_ALPHABET),
      sessionToken: randomBytes(192).toString('base64'),
      principal: {
        arn: `arn:${partition}:sts::${account}:assumed-role/${role.roleName}/${sessionName}`,
        statements: role.statements,
        kind: 'role',
        roleKey: role.key,
        unreadable: role.unreadable,
      },
    };
    this.byAccessKey.set(accessKeyId, credentials);
    this.issued.set(key, credentials);
    return credentials;
  }

  /** Registers external credentials; an invalid or already known access key id is an error. */
  public register(external: ExternalCredentials): StoredCredentials {
    const { accessKeyId, secretAccessKey, sessionToken, allow } = external;
    if (!ACCESS_KEY_ID.test(accessKeyId)) throw new CredentialStoreError(`access key id '${accessKeyId}' must be 16 to 128 letters, digits or underscores`);
    if (!secretAccessKey) throw new CredentialStoreError(`access key id '${accessKeyId}' needs a secret access key`);
    if (this.byAccessKey.has(accessKeyId)) throw new CredentialStoreError(`access key id '${accessKeyId}' is already registered`);
    const source = `credentials ${accessKeyId}`;
    const statements: readonly PolicyStatementModel[] = allow === 'all'
      ? [{ effect: 'Allow', action: ['*'], resource: ['*'], source }]
      : Array.isArray(allow) ? [{ effect: 'Allow', action: [...allow], resource: ['*'], source }]
        : (allow as { statements: readonly PolicyStatementModel[] }).statements;
    const { account, partition } = this.environment;
    const credentials: StoredCredentials = {
      accessKeyId,
      secretAccessKey,
      sessionToken,
      principal: { arn: external.arn ?? `arn:${partition}:iam::${account}:user/${accessKeyId}`, statements, kind: 'external', unreadable: [] },
    };
    this.byAccessKey.set(accessKeyId, credentials);
    return credentials;
  }

  /**
   * Gives the credentials already issued for these roles their roles' new statements, keys
   * unchanged: as on AWS, where a changed policy applies to sessions already running (a hot reload).
   */
  public updateRoles(roles: Iterable<RoleModel>): void {
    const byKey = new Map([...roles].map((role) => [role.key, role]));
    for (const [key, credentials] of this.issued) {
      const role = credentials.principal.roleKey !== undefined ? byKey.get(credentials.principal.roleKey) : undefined;
      if (!role) continue;
      const updated: StoredCredentials = { ...credentials, principal: { ...credentials.principal, statements: role.statements, unreadable: role.unreadable } };
      this.issued.set(key, updated);
      this.byAccessKey.set(updated.accessKeyId, updated);
    }
  }

  /** The credentials of an access key id; undefined when the gateway does not know it. */
  public lookup(accessKeyId: string): StoredCredentials | undefined {
    return this.byAccessKey.get(accessKeyId);
  }
}

function randomString(length: number, alphabet: string): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}
