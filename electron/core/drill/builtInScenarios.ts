import { parseDrillScenario, type DrillScenario } from './drillScenario.js';

const scenario = (json: object): DrillScenario =>
  parseDrillScenario({ format: 'guardian-drill-scenario', version: 1, ...json }, 'a built-in scenario');

/** The drills that ship with the console: `guardian drill run NAME`. */
export const BUILT_IN_SCENARIOS: Record<string, DrillScenario> = {
  'emergency-pause': scenario({
    name: 'Emergency pause',
    description:
      'A vulnerability is reported: pause the Vault. One honest transaction, judged against the emergency target.',
    emergency: true,
    guardians: 3,
    threshold: 2,
    steps: [{ label: 'Pause the Vault', action: 'pause', expect: 'execute' }],
  }),
  'pause-under-attack': scenario({
    name: 'Pause under attack',
    description:
      'Before the honest pause, two traps arrive in the queue: a batch that pauses and hands the Vault to a stranger, and a Bybit-style DELEGATECALL that reads as a transfer of 0. Both must be refused; then the pause goes through.',
    emergency: true,
    guardians: 3,
    threshold: 2,
    steps: [
      { label: 'Batch: pause, and transfer ownership to a stranger', action: 'trap-ownership-batch', expect: 'refuse' },
      { label: 'DELEGATECALL dressed as "transfer 0"', action: 'trap-delegatecall', expect: 'refuse' },
      { label: 'Pause the Vault', action: 'pause', expect: 'execute' },
    ],
  }),
  'upgrade-fix': scenario({
    name: 'Ship the fix',
    description:
      'After the pause, upgrade the Vault to the patched implementation; a dead-end upgrade is slipped in first and must be refused.',
    emergency: true,
    guardians: 3,
    threshold: 2,
    steps: [
      { label: 'Pause the Vault', action: 'pause', expect: 'execute' },
      { label: 'Upgrade to an implementation with no upgrade path', action: 'trap-upgrade-dead-end', expect: 'refuse' },
      { label: 'Upgrade the Vault to V2', action: 'upgrade', expect: 'execute' },
    ],
  }),
};
