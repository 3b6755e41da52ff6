// SPDX-License-Identifier: MIT
pragma solidity ^0.8.19;

import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Pausable} from "@openzeppelin/contracts/security/Pausable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

/// OzVault's next version: the same bases in the same order, its variables kept, one appended.
contract OzVaultV2 is Initializable, Ownable, Pausable {
    using SafeERC20 for IERC20;

    IERC20 public token;
    uint256 public totalDeposits;
    mapping(address => uint256) public balanceOf;
    uint16 public withdrawalFeeBps;

    event Deposited(address indexed account, uint256 amount);
    event Withdrawn(address indexed account, uint256 amount);
    event WithdrawalFeeSet(uint16 feeBps);

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
        emit Deposited(msg.sender, amount);
    }

    function withdraw(uint256 amount) external whenNotPaused {
        uint256 fee = (amount * withdrawalFeeBps) / 10_000;
        balanceOf[msg.sender] -= amount;
        totalDeposits -= amount;
        token.safeTransfer(msg.sender, amount - fee);
        emit Withdrawn(msg.sender, amount);
    }

    function setWithdrawalFee(uint16 feeBps) external onlyOwner {
        require(feeBps <= 100, "fee too high");
        withdrawalFeeBps = feeBps;
        emit WithdrawalFeeSet(feeBps);
    }

    function pause() external onlyOwner {
        _pause();
    }

    function unpause() external onlyOwner {
        _unpause();
    }
}
