/**
 * The pure pieces of the core that the renderer shows exactly as the CLI prints them: a hash as the Ledger
 * prints it, a SafeTx as the device's screens list it, a duration on a queue row, the stages of a review, the
 * severity scale. Re-exported here so the renderer's only door into the rest of the code is electron/ipc (its
 * import rule in eslint.config.js); each is a function of its arguments or a constant, and none reaches Node, so
 * the sandboxed renderer gains no power by importing them.
 */
export { ledgerHashFormat } from '../core/ledger/ledgerHashFormat.js';
export { deviceFieldRows } from '../core/ledger/deviceFields.js';
export { durationWords } from '../core/queue/durationWords.js';
export {
  SIMULATION_STAGES,
  STAGE_WORDS,
  type SimulationProgress,
  type SimulationStage,
} from '../core/primitives/simulationTypes.js';
export { SEVERITIES } from '../core/primitives/severity.js';
export { lookalikeFinder, type Lookalike } from '../core/decode/lookalikeAddress.js';
export { modelSigningModes, type ModelSigningModes } from '../core/ledger/modelSigningModes.js';
