/** The registry of a single gateway process: a Map. */
import type { ConnectionRecord, ConnectionRegistry } from './registry.js';

/** A record as the registry keeps it: its own copy, so lastActiveAt is updated in place. */
type StoredRecord = { -readonly [K in keyof ConnectionRecord]: ConnectionRecord[K] };

export class MemoryRegistry implements ConnectionRegistry {
  private readonly records = new Map<string, StoredRecord>();

  public async add(record: ConnectionRecord): Promise<void> {
    this.records.set(record.connectionId, { ...record });
  }

  public async get(connectionId: string): Promise<ConnectionRecord | undefined> {
    const r = this.records.get(connectionId);
    return r && { ...r };
  }

  public async touch(connectionId: string, at: number): Promise<void> {
    const r = this.records.get(connectionId);
    if (r && at > r.lastActiveAt) r.lastActiveAt = at;
  }

  public async remove(connectionId: string): Promise<boolean> {
    return this.records.delete(connectionId);
  }

  public async listByNode(nodeId: string): Promise<ConnectionRecord[]> {
    return [...this.records.values()].filter((r) => r.nodeId === nodeId).map((r) => ({ ...r }));
  }

  public async count(): Promise<number> {
    return this.records.size;
  }

  public async close(): Promise<void> {
    this.records.clear();
  }
}
