// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// The protocol's token: 18 decimals, minted once to a holder.
contract GuardToken is ERC20 {
    constructor(address holder, uint256 supply) ERC20("Guard Token", "GUARD") {
        _mint(holder, supply);
    }
}
