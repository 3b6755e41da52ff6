// SPDX-License-Identifier: MIT
pragma solidity ^0.8.19;

import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Pausable} from "@openzeppelin/contracts/security/Pausable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

/// A deposit vault as many 2022-era protocols wrote it: OpenZeppelin 4's plain Ownable and Pausable behind a
/// TransparentUpgradeableProxy, initialised by hand. The compiler packs Initializable's two flags, Ownable's
/// _owner and Pausable's _paused into slot 0: a pause rewrites the slot that holds the owner.
contract OzVault is Initializable, Ownable, Pausable {
    using SafeERC20 for IERC20;

    IERC20 public token;
    uint256 public totalDeposits;
    mapping(address => uint256) public balanceOf;

    event Deposited(address indexed account, uint256 amount);
    event Withdrawn(address indexed account, uint256 amount);

    constructor() {
        _disableInitializers();
    }

    function initialize(address owner_, IERC20 token_) external initializer {
        _transferOwnership(owner_);
        token = token_;
    }

    function deposit(uint256 amount) external whenNotPaused {
        token.safeTransferFrom(msg.sender, address(this), amount);
        balanceOf[msg.sender] += amount;
        totalDeposits += amount;
        emit Deposited(msg.sender, amount);
    }

    function withdraw(uint256 amount) external whenNotPaused {
        balanceOf[msg.sender] -= amount;
        totalDeposits -= amount;
        token.safeTransfer(msg.sender, amount);
        emit Withdrawn(msg.sender, amount);
    }

    function pause() external onlyOwner {
        _pause();
    }

    function unpause() external onlyOwner {
        _unpause();
    }
}
