// SPDX-License-Identifier: MIT
pragma solidity ^0.8.19;

import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Pausable} from "@openzeppelin/contracts/security/Pausable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

/// Fee settings factored into a base contract, as a refactor might: listed before Ownable, its slot pushes
/// _owner and _paused down a slot: through the proxy owner() reads the slot that held totalDeposits, and the fee
/// reads what was _owner and _paused.
abstract contract FeeSettings {
    uint256 public withdrawalFeeBps;
}

contract OzVaultV2Shifted is Initializable, FeeSettings, Ownable, Pausable {
    using SafeERC20 for IERC20;

    IERC20 public token;
    uint256 public totalDeposits;
    mapping(address => uint256) public balanceOf;

    constructor() {
        _disableInitializers();
    }

    function version() external pure returns (uint256) {
        return 2;
    }

    function deposit(uint256 amount) external whenNotPaused {
        token.safeTransferFrom(msg.sender, address(this), amount);
        balanceOf[msg.sender] += amount;
        totalDeposits += amount;
    }

    function withdraw(uint256 amount) external whenNotPaused {
        balanceOf[msg.sender] -= amount;
        totalDeposits -= amount;
        token.safeTransfer(msg.sender, amount - (amount * withdrawalFeeBps) / 10_000);
    }

    function pause() external onlyOwner {
        _pause();
    }

    function unpause() external onlyOwner {
        _unpause();
    }
}
