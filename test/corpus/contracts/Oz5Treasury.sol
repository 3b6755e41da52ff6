// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

// OpenZeppelin 5's two-step ownership, as its package ships it (the -v5 prefix is mapped to @openzeppelin/contracts
// 5.x by compileCorpus.mjs): transferOwnership only names a pending owner, who takes over by acceptOwnership.
import {Ownable, Ownable2Step} from "@openzeppelin/contracts-v5/access/Ownable2Step.sol";
import {Pausable} from "@openzeppelin/contracts-v5/utils/Pausable.sol";

contract Oz5Treasury is Ownable2Step, Pausable {
    constructor(address initialOwner) Ownable(initialOwner) {}

    function pause() external onlyOwner {
        _pause();
    }

    function unpause() external onlyOwner {
        _unpause();
    }
}
