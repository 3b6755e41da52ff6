// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC1967Utils} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Utils.sol";
import {VaultNoUpgrade} from "./VaultNoUpgrade.sol";

/// The upgrade that really bricks a UUPS proxy. OpenZeppelin 5's upgradeToAndCall only asks the new
/// implementation for proxiableUUID() (ERC-1822) and refuses VaultNoUpgrade for lacking it; nothing checks
/// that the new code can upgrade again. This one answers proxiableUUID() yet has no upgradeToAndCall, so the
/// proxy accepts it and is frozen on it for good. A check that only asks for proxiableUUID() passes it.
contract VaultUpgradeDeadEnd is VaultNoUpgrade {
    function proxiableUUID() external pure returns (bytes32) {
        return ERC1967Utils.IMPLEMENTATION_SLOT;
    }
}
