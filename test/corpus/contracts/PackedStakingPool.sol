// SPDX-License-Identifier: MIT
pragma solidity ^0.8.19;

interface IERC20Like {
    function transferFrom(address from, address to, uint256 amount) external returns (bool);
    function transfer(address to, uint256 amount) external returns (bool);
}

/// A staking pool written the way gas-minded protocols pack their hot config (Synthetix's StakingRewards keeps
/// lastPauseTime beside paused; Compound-era pools pack rates into one word): one slot holds the rewards token,
/// the paused flag, the time of the last pause and the fee. Its own hand-rolled ownership, no OpenZeppelin.
contract PackedStakingPool {
    struct Config {
        address rewardsToken; // 20 bytes
        bool paused;          //  1 byte
        uint32 lastPauseTime; //  4 bytes
        uint16 feeBps;        //  2 bytes
        uint8 version;        //  1 byte
    }

    Config public config;
    address public owner;
    address public nominatedOwner;
    uint256 public totalStaked;
    mapping(address => uint256) public stakeOf;

    event PauseChanged(bool isPaused);
    event OwnerNominated(address newOwner);
    event OwnerChanged(address oldOwner, address newOwner);
    event FeeChanged(uint16 feeBps);

    modifier onlyOwner() {
        require(msg.sender == owner, "Only the contract owner may perform this action");
        _;
    }

    constructor(address owner_, address rewardsToken_) {
        owner = owner_;
        config = Config({rewardsToken: rewardsToken_, paused: false, lastPauseTime: 0, feeBps: 30, version: 1});
    }

    function paused() external view returns (bool) {
        return config.paused;
    }

    function lastPauseTime() external view returns (uint32) {
        return config.lastPauseTime;
    }

    function setPaused(bool paused_) external onlyOwner {
        if (paused_ == config.paused) return;
        config.paused = paused_;
        if (paused_) config.lastPauseTime = uint32(block.timestamp);
        emit PauseChanged(paused_);
    }

    /// Routine governance: the fee shares the word with the paused flag and the rewards token.
    function setFeeBps(uint16 feeBps_) external onlyOwner {
        require(feeBps_ <= 1_000, "Fee cannot exceed 10%");
        config.feeBps = feeBps_;
        emit FeeChanged(feeBps_);
    }

    function stake(uint256 amount) external {
        require(!config.paused, "This action cannot be performed while the contract is paused");
        IERC20Like(config.rewardsToken).transferFrom(msg.sender, address(this), amount);
        stakeOf[msg.sender] += amount;
        totalStaked += amount;
    }

    function nominateNewOwner(address owner_) external onlyOwner {
        nominatedOwner = owner_;
        emit OwnerNominated(owner_);
    }

    function acceptOwnership() external {
        require(msg.sender == nominatedOwner, "You must be nominated before you can accept ownership");
        emit OwnerChanged(owner, nominatedOwner);
        owner = nominatedOwner;
        nominatedOwner = address(0);
    }
}
