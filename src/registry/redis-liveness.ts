/**
 * Which nodes of a Redis cluster are alive: a node is alive while its heartbeat key exists (its
 * registry refreshes it every beat, with the record TTL). The nodes set remembers every node seen,
 * so the dead ones can be found and what they left reaped.
 */
import type { Redis } from 'ioredis';
import type { RedisKeys } from './redis-keys.js';
import { REAP_NODE } from './redis-scripts.js';

/** The nodes seen, split by liveness. */
export interface NodeStates {
  readonly alive: string[];
  readonly dead: string[];
}

/** What reaping a dead node removed. */
export interface ReapedNode {
  readonly nodeId: string;
  /** The connection ids its set still named (their records, if still there, are deleted). */
  readonly connectionIds: string[];
}

export class RedisLiveness {
  constructor(private readonly client: Redis, private readonly keys: RedisKeys) {}

  /** True while the node's heartbeat key exists. */
  public async isAlive(nodeId: string): Promise<boolean> {
    return (await this.client.exists(this.keys.alive(nodeId))) === 1;
  }

  /** Every node seen, alive or dead. */
  public async states(): Promise<NodeStates> {
    const ids = (await this.client.smembers(this.keys.nodes())).sort();
    if (ids.length === 0) return { alive: [], dead: [] };
    const pipeline = this.client.pipeline();
    for (const id of ids) pipeline.exists(this.keys.alive(id));
    const results = (await pipeline.exec()) ?? [];
    const alive: string[] = [];
    const dead: string[] = [];
    ids.forEach((id, i) => {
      const [error, exists] = results[i] ?? [new Error('no reply'), 0];
      if (error) throw error;
      (exists === 1 ? alive : dead).push(id);
    });
    return { alive, dead };
  }

  /**
   * Removes what the dead nodes left: the records their sets still name and the sets (both also
   * expire by themselves), and their entries in the nodes set (which do not). A node that came
   * back meanwhile is left alone.
   */
  public async reapDeadNodes(): Promise<ReapedNode[]> {
    const { dead } = await this.states();
    const reaped: ReapedNode[] = [];
    for (const nodeId of dead) {
      const ids = (await this.client.eval(
        REAP_NODE, 3, this.keys.alive(nodeId), this.keys.nodeConnections(nodeId), this.keys.nodes(),
        nodeId, this.keys.connection(''),
      )) as string[] | null;
      if (ids) reaped.push({ nodeId, connectionIds: ids.sort() });
    }
    return reaped;
  }
}
