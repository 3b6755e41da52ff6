// SPDX-License-Identifier: MIT
pragma solidity ^0.8.19;

import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// A per-market vault deployed many times behind one UpgradeableBeacon, as lending markets and vault factories
/// do. Initializable's flags and Ownable's _owner share slot 0; deposits are native ether, so nothing else is needed.
contract BeaconVault is Initializable, Ownable {
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

    function withdraw(uint256 amount) external {
        balanceOf[msg.sender] -= amount;
        totalDeposits -= amount;
        payable(msg.sender).transfer(amount);
    }
}
