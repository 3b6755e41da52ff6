// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";

/// Written as most deployed protocols are, not as an OpenZeppelin 5 fixture: plain storage, no ERC-7201
/// namespace, the owner and the paused flag packed into slot 0 beside a counter no getter reads.
contract PackedVault is Initializable, UUPSUpgradeable {
    address public owner;
    bool public paused;
    uint16 private marks;

    event Paused(address account);

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    function initialize(address owner_) external initializer {
        owner = owner_;
    }

    function pause() external {
        require(msg.sender == owner, "not owner");
        paused = true;
        emit Paused(msg.sender);
    }

    /// A pause that also writes a packed variable nothing can read back: what the console cannot explain.
    function pauseAndMark() external {
        require(msg.sender == owner, "not owner");
        paused = true;
        marks += 1;
        emit Paused(msg.sender);
    }

    function _authorizeUpgrade(address) internal view override {
        require(msg.sender == owner, "not owner");
    }
}

/// A V2 of PackedVault with a variable inserted first: `owner` moves to slot 1, so after the upgrade owner()
/// reads an empty slot. It keeps the upgrade path; only its layout is wrong.
contract PackedVaultShifted is Initializable, UUPSUpgradeable {
    uint256 public fee;
    address public owner;
    bool public paused;

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    function pause() external {
        require(msg.sender == owner, "not owner");
        paused = true;
    }

    function _authorizeUpgrade(address) internal view override {
        require(msg.sender == owner, "not owner");
    }
}
