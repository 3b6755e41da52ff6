// SPDX-License-Identifier: MIT
pragma solidity ^0.8.19;

// OpenZeppelin 4.9's TimelockController, compiled as the package ships it: proposers schedule, executors run
// after the minimum delay, and updateDelay can only be called by the timelock itself (a scheduled operation).
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
