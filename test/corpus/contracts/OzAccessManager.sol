// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

// OpenZeppelin 5's AccessManager as its package ships it (the -v5 prefix is mapped to @openzeppelin/contracts 5.x
// by compileCorpus.mjs): one contract holds every permission of the targets it manages, by role id (uint64),
// with grant delays, execution delays and per-target admin delays.
import {AccessManager} from "@openzeppelin/contracts-v5/access/manager/AccessManager.sol";
