import { id, ZeroHash, zeroPadValue } from 'ethers';
import { describe, expect, it } from 'vitest';
import { eventRole, managerRoleName, roleName } from './roleNames.js';

const account = '0x3434343434343434343434343434343434343434';

describe('the role a RoleGranted or RoleRevoked event names', () => {
  it("AccessControl's role (bytes32) by its name's hash, the zero word its DEFAULT_ADMIN_ROLE", () => {
    expect(eventRole({ role: id('PAUSER_ROLE'), account, sender: account })).toEqual({
      role: id('PAUSER_ROLE'),
      roleName: 'PAUSER_ROLE',
    });
    expect(eventRole({ role: ZeroHash, account, sender: account })?.roleName).toBe('DEFAULT_ADMIN_ROLE');
  });

  // Both are the zero word; only the event's shape (role or roleId) tells which contract's admin it is.
  it("AccessManager's roleId (uint64): 0 is its ADMIN_ROLE, not DEFAULT_ADMIN_ROLE; the largest PUBLIC_ROLE; others by number", () => {
    const granted = (roleId: string) => eventRole({ roleId, account, delay: '0', since: '1', newMember: 'true' });
    expect(granted('0')).toEqual({ role: ZeroHash, roleName: 'ADMIN_ROLE' });
    expect(granted(String(2n ** 64n - 1n))?.roleName).toBe('PUBLIC_ROLE');
    expect(granted('7')).toEqual({ role: zeroPadValue('0x07', 32), roleName: 'role 7' });
    expect(roleName(ZeroHash)).toBe('DEFAULT_ADMIN_ROLE');
    expect(managerRoleName(0n)).toBe('ADMIN_ROLE');
  });

  it('an event of that name with neither argument, or a roleId that is not a number, names no role', () => {
    expect(eventRole({ account })).toBeUndefined();
    expect(eventRole({ roleId: '0xzz', account })).toBeUndefined();
  });
});
