// SPDX-License-Identifier: MIT
pragma solidity ^0.8.19;

// OpenZeppelin 4.9's proxy pair, compiled as the package ships them: the proxy's admin is a separate ProxyAdmin
// contract (Ownable), unlike OpenZeppelin 5 where the proxy deploys its own.
import {TransparentUpgradeableProxy} from "@openzeppelin/contracts/proxy/transparent/TransparentUpgradeableProxy.sol";
import {ProxyAdmin} from "@openzeppelin/contracts/proxy/transparent/ProxyAdmin.sol";
