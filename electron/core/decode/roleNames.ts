import { id, ZeroHash } from 'ethers';

/** AccessControl roles are keccak256 of their names; the well-known ones are shown by name. */
const ROLES = [
  'PAUSER_ROLE',
  'UPGRADER_ROLE',
  'PROPOSER_ROLE',
  'EXECUTOR_ROLE',
  'CANCELLER_ROLE',
  'MINTER_ROLE',
  'BURNER_ROLE',
  'GUARDIAN_ROLE',
  'TIMELOCK_ADMIN_ROLE',
  'ADMIN_ROLE',
  'OPERATOR_ROLE',
  // Aave V3's ACLManager hashes its role names without the _ROLE suffix.
  'POOL_ADMIN',
  'EMERGENCY_ADMIN',
  'RISK_ADMIN',
  'FLASH_BORROWER',
  'BRIDGE',
  'ASSET_LISTING_ADMIN',
];
const BY_HASH = new Map<string, string>([
  [ZeroHash, 'DEFAULT_ADMIN_ROLE'],
  ...ROLES.map((r) => [id(r), r] as [string, string]),
]);

export function roleName(role: string): string {
  return BY_HASH.get(role.toLowerCase()) ?? `role ${role.slice(0, 10)}…`;
}
