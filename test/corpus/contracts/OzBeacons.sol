// SPDX-License-Identifier: MIT
pragma solidity ^0.8.19;

// OpenZeppelin 4.9's beacon pair, compiled as the package ships them: the beacon (Ownable) holds the one
// implementation every BeaconProxy behind it runs, so a single upgradeTo on the beacon upgrades them all.
import {UpgradeableBeacon} from "@openzeppelin/contracts/proxy/beacon/UpgradeableBeacon.sol";
import {BeaconProxy} from "@openzeppelin/contracts/proxy/beacon/BeaconProxy.sol";
// And its plain ERC-1967 proxy, which a UUPS implementation upgrades from inside.
import {ERC1967Proxy} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";
