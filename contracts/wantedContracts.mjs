// The contracts the tests deploy from contracts/artifacts; everything else compiled is a dependency. A module of its
// own, with no command-line entry: compile.mjs runs when it is the script started, and a test or bench bundled
// into one file with it would be that script.
export const WANTED = [
  'Vault',
  'VaultV2',
  'VaultV2Clash',
  'VaultNoUpgrade',
  'VaultUpgradeDeadEnd',
  'TransparentVault',
  'TransparentVaultV2',
  'GuardToken',
  'ERC1967Proxy',
  'TransparentUpgradeableProxy',
  'ProxyAdmin',
  'TimelockController',
  'HiddenModule',
  'PackedVault',
  'PackedVaultShifted',
];
