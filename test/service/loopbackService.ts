// The Transaction Service tests talk to is the one a drill serves (core/drill), with its hostile modes.
export * from '../../electron/core/drill/localTransactionService.js';
