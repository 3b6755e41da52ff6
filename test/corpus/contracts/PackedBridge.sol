// SPDX-License-Identifier: MIT
pragma solidity ^0.8.19;

/// A token bridge's gateway in the style of early L2 bridges: the owner and the switches a guardian flips in an
/// incident share slot 0, and the per-chain limits share slot 1. Pausing writes the word that holds the owner.
contract PackedBridge {
    address public owner;          // slot 0, 20 bytes
    bool public depositsPaused;    // slot 0
    bool public withdrawalsPaused; // slot 0
    uint8 public messageVersion;   // slot 0
    uint64 public nonce;           // slot 0

    address public relayer;        // slot 1, 20 bytes
    uint96 public dailyLimit;      // slot 1

    mapping(bytes32 => bool) public processed;

    event DepositsPaused(bool paused);
    event WithdrawalsPaused(bool paused);
    event OwnershipTransferred(address indexed previousOwner, address indexed newOwner);
    event DepositInitiated(address indexed from, uint256 amount, uint64 nonce);

    constructor(address owner_, address relayer_) {
        owner = owner_;
        relayer = relayer_;
        messageVersion = 2;
        dailyLimit = 1_000_000 ether;
    }

    modifier onlyOwner() {
        require(msg.sender == owner, "PackedBridge: not owner");
        _;
    }

    /// The incident switch: both directions stop in one call.
    function pause() external onlyOwner {
        depositsPaused = true;
        withdrawalsPaused = true;
        emit DepositsPaused(true);
        emit WithdrawalsPaused(true);
    }

    function setDepositsPaused(bool paused_) external onlyOwner {
        depositsPaused = paused_;
        emit DepositsPaused(paused_);
    }

    function deposit() external payable {
        require(!depositsPaused, "PackedBridge: deposits paused");
        emit DepositInitiated(msg.sender, msg.value, nonce++);
    }

    function transferOwnership(address newOwner) external onlyOwner {
        emit OwnershipTransferred(owner, newOwner);
        owner = newOwner;
    }
}
