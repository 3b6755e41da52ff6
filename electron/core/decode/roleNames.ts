import { id, toBeHex, ZeroHash, zeroPadValue } from 'ethers';

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

/** OpenZeppelin 5's AccessManager numbers its roles (uint64): these two are fixed by the contract itself. */
const MANAGER_ROLES = new Map<bigint, string>([
  [0n, 'ADMIN_ROLE'],
  [2n ** 64n - 1n, 'PUBLIC_ROLE'],
]);

/** An AccessManager role id (uint64) as a guardian reads it: ADMIN_ROLE, PUBLIC_ROLE, or its number. */
export function managerRoleName(roleId: string | bigint): string {
  const id = BigInt(roleId);
  return MANAGER_ROLES.get(id) ?? `role ${id}`;
}

/**
 * The role a RoleGranted or RoleRevoked event names, as a 32-byte word and as a guardian reads it. AccessControl's
 * events carry `role` (bytes32, a name's hash); AccessManager's carry `roleId` (uint64), where 0 is its
 * ADMIN_ROLE, not AccessControl's DEFAULT_ADMIN_ROLE, though both are the zero word: the event's shape decides.
 * Undefined for an event of that name with neither.
 */
export function eventRole(args: Readonly<Record<string, string>>): { role: string; roleName: string } | undefined {
  const role = args['role'];
  if (role !== undefined) return { role, roleName: roleName(role) };
  const roleId = args['roleId'];
  if (roleId === undefined || !/^\d+$/.test(roleId)) return undefined;
  return { role: zeroPadValue(toBeHex(BigInt(roleId)), 32), roleName: managerRoleName(roleId) };
}
