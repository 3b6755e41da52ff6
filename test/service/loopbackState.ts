// What the local Transaction Service knows, as a drill serves it (core/drill).
export * from '../../electron/core/drill/serviceState.js';
