import { MemoryRegistry } from '../../src/registry/memory-registry.js';
import { registryConformance } from './conformance.js';

registryConformance('MemoryRegistry', async () => new MemoryRegistry());
