import { MemoryNodeNetwork, type MemoryNodeBus } from '../../src/registry/memory-node-bus.js';
import { nodeBusConformance } from './node-bus-conformance.js';

nodeBusConformance('MemoryNodeBus', async () => {
  const network = new MemoryNodeNetwork();
  const nodes = new Map<string, MemoryNodeBus>();
  return {
    start: async (nodeId) => {
      const bus = network.join(nodeId);
      nodes.set(nodeId, bus);
      return bus;
    },
    stop: async (nodeId) => {
      await nodes.get(nodeId)?.close();
      nodes.delete(nodeId);
    },
    close: async () => {
      await Promise.all([...nodes.values()].map((bus) => bus.close()));
      nodes.clear();
    },
  };
});
