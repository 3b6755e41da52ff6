// The drill chain deploys the same way (core/drill): one helper for both.
export * from '../../electron/core/drill/deployInOrder.js';
