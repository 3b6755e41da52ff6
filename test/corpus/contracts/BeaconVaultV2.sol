// SPDX-License-Identifier: MIT
pragma solidity ^0.8.19;

import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// BeaconVault's next version: the same bases and variables in the same order, a deposit cap appended.
contract BeaconVaultV2 is Initializable, Ownable {
    uint256 public totalDeposits;
    mapping(address => uint256) public balanceOf;
    uint256 public depositCap;

    constructor() {
        _disableInitializers();
    }

    function version() external pure returns (uint256) {
        return 2;
    }

    function setDepositCap(uint256 cap) external onlyOwner {
        depositCap = cap;
    }

    function deposit() external payable {
        require(depositCap == 0 || totalDeposits + msg.value <= depositCap, "cap");
        balanceOf[msg.sender] += msg.value;
        totalDeposits += msg.value;
    }

    function withdraw(uint256 amount) external {
        balanceOf[msg.sender] -= amount;
        totalDeposits -= amount;
        payable(msg.sender).transfer(amount);
    }
}
