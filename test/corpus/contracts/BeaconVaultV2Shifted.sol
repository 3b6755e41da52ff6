// SPDX-License-Identifier: MIT
pragma solidity ^0.8.19;

import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// The cap factored into a base listed first: its slot pushes Initializable's flags and _owner from slot 0 to
/// slot 1, so behind the beacon owner() reads bytes of what was totalDeposits, in every proxy at once.
abstract contract DepositLimits {
    uint256 public depositCap;
}

contract BeaconVaultV2Shifted is DepositLimits, Initializable, Ownable {
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
}
