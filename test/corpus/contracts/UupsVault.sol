// SPDX-License-Identifier: MIT
pragma solidity ^0.8.19;

import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts/proxy/utils/UUPSUpgradeable.sol";

/// A vault behind OpenZeppelin 4.9's ERC1967Proxy that upgrades itself (UUPS): upgradeTo(address) is the
/// implementation's own function, allowed to the owner, and 4.9 refuses a new implementation whose
/// proxiableUUID() does not answer the ERC-1967 slot.
contract UupsVault is Initializable, Ownable, UUPSUpgradeable {
    uint256 public totalDeposits;
    mapping(address => uint256) public balanceOf;

    constructor() {
        _disableInitializers();
    }

    function initialize(address owner_) external initializer {
        _transferOwnership(owner_);
    }

    function version() external pure virtual returns (uint256) {
        return 1;
    }

    function deposit() external payable {
        balanceOf[msg.sender] += msg.value;
        totalDeposits += msg.value;
    }

    function _authorizeUpgrade(address) internal override onlyOwner {}
}
