// SPDX-License-Identifier: MIT
pragma solidity ^0.8.19;

// OpenZeppelin 4.9's AccessControlDefaultAdminRules as its package ships it: the default admin changes in two
// steps, beginDefaultAdminTransfer then, after a delay, acceptDefaultAdminTransfer by the new admin alone.
import {AccessControlDefaultAdminRules} from "@openzeppelin/contracts/access/AccessControlDefaultAdminRules.sol";

contract OzAdminRules is AccessControlDefaultAdminRules {
    constructor(uint48 initialDelay, address initialDefaultAdmin)
        AccessControlDefaultAdminRules(initialDelay, initialDefaultAdmin)
    {}
}
