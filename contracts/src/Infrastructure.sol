// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

// OpenZeppelin's own proxies, ProxyAdmin and TimelockController, compiled here so the fixtures deploy the
// exact code a protocol would.
import {ERC1967Proxy} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";
import {TransparentUpgradeableProxy} from "@openzeppelin/contracts/proxy/transparent/TransparentUpgradeableProxy.sol";
import {ProxyAdmin} from "@openzeppelin/contracts/proxy/transparent/ProxyAdmin.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
