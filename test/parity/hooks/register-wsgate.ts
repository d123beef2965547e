// Registers wsgate-loader.ts; use after tsx: `node --import tsx --import ./test/parity/hooks/register-wsgate.ts …`.
import { register } from 'node:module';

register('./wsgate-loader.ts', import.meta.url);
