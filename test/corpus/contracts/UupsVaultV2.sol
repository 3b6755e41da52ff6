// SPDX-License-Identifier: MIT
pragma solidity ^0.8.19;

import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts/proxy/utils/UUPSUpgradeable.sol";

/// UupsVault's next version: the same layout, withdrawals added, still upgradeable the same way.
contract UupsVaultV2 is Initializable, Ownable, UUPSUpgradeable {
    uint256 public totalDeposits;
    mapping(address => uint256) public balanceOf;

    constructor() {
        _disableInitializers();
    }

    function version() external pure returns (uint256) {
        return 2;
    }

    function deposit() external payable {
        balanceOf[msg.sender] += msg.value;
        totalDeposits += msg.value;
    }

    function withdraw(uint256 amount) external {
        balanceOf[msg.sender] -= amount;
        totalDeposits -= amount;
        payable(msg.sender).transfer(amount);
    }

    function _authorizeUpgrade(address) internal override onlyOwner {}
}
