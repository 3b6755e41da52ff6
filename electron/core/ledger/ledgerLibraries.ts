import { createRequire } from 'node:module';
import type EthClass from '@ledgerhq/hw-app-eth';
import type TransportClass from '@ledgerhq/hw-transport';

/**
 * Ledger's packages ship an ESM build whose extension-less relative imports Node refuses to load, so the
 * CommonJS builds are loaded with require. Each is loaded on first use: a machine without a USB HID stack
 * can still sign with a transport handed in (the software device in tests).
 */
const require = createRequire(import.meta.url);

export type Transport = TransportClass;
export type Eth = EthClass;

export function loadTransportClass(): typeof TransportClass {
  return (require('@ledgerhq/hw-transport') as { default: typeof TransportClass }).default;
}

export function loadEthClass(): typeof EthClass {
  return (require('@ledgerhq/hw-app-eth') as { default: typeof EthClass }).default;
}

/** The subset of TransportNodeHid this project uses; typed here so its native module loads only on demand. */
export interface NodeHidTransportStatic {
  isSupported(): Promise<boolean>;
  list(): Promise<string[]>;
  listen(observer: {
    next: (event: {
      type: 'add' | 'remove';
      descriptor: string;
      deviceModel?: { id: string; productName: string } | null;
    }) => void;
    error: (error: unknown) => void;
    complete: () => void;
  }): { unsubscribe: () => void };
  open(path: string): Promise<Transport>;
}

export function loadNodeHidTransport(): NodeHidTransportStatic {
  return (require('@ledgerhq/hw-transport-node-hid') as { default: NodeHidTransportStatic }).default;
}
