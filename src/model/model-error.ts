/**
 * A template the gateway cannot serve. The message names the stack, the resource, the property
 * and the reason, and is raised before any socket opens.
 */
export class ModelError extends Error {
  public readonly code = 'WSGATE_ERR_TEMPLATE';

  constructor(
    public readonly stackName: string,
    public readonly logicalId: string | undefined,
    public readonly property: string | undefined,
    reason: string,
  ) {
    const where = [stackName, logicalId].filter(Boolean).join('/');
    super(`${where}${property ? ` (${property})` : ''}: ${reason}`);
    this.name = 'ModelError';
  }
}
