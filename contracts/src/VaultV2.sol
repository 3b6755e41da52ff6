// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Vault} from "./Vault.sol";

/// A compatible upgrade: appends one variable after Vault's, touches none of them.
contract VaultV2 is Vault {
    uint256 public withdrawalFeeBps;

    function version() external pure returns (uint256) {
        return 2;
    }

    function setWithdrawalFee(uint256 bps) external onlyOwner {
        withdrawalFeeBps = bps;
    }
}
