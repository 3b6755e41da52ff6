// The software Ledger tests drive is the one a drill ships (core/drill/softwareDevice), labelled there.
export * from '../../../electron/core/drill/softwareDevice/softwareLedger.js';
