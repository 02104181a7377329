// streamlens:network — whether the functions run inside a VPC.
import type { Fields } from '../fields';
import type { NetworkConfig } from '../types';

/** Parses streamlens:network. Default: no VPC. */
export function parseNetwork(parent: Fields): NetworkConfig {
  const f = parent.child('network', ['vpc']);
  return { vpc: f.bool('vpc', false) };
}
