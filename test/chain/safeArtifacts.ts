// Safe's published artifacts, as the drill chain reads them (core/drill).
export * from '../../electron/core/drill/safeArtifacts.js';
