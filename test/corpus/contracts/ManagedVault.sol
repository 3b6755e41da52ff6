// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {AccessManaged} from "@openzeppelin/contracts-v5/access/manager/AccessManaged.sol";
import {Pausable} from "@openzeppelin/contracts-v5/utils/Pausable.sol";

/// A target of an AccessManager: every restricted function asks the manager whether its caller may call it
/// (canCall), so who may pause, withdraw or upgrade is kept in the manager, not here.
contract ManagedVault is AccessManaged, Pausable {
    constructor(address manager) AccessManaged(manager) {}

    function deposit() external payable whenNotPaused {}

    function pause() external restricted {
        _pause();
    }

    function unpause() external restricted {
        _unpause();
    }

    /// An emergency withdrawal: left to the manager's ADMIN_ROLE, as every function is until configured.
    function withdraw(address payable to, uint256 amount) external restricted {
        to.transfer(amount);
    }
}
