// The getter batch (getterBatch.ts): laid by state override at the zero address, the sender of a plain eth_call,
// so each getter it asks sees the msg.sender and tx.origin that asking it alone would. Its answers are its return
// data, not read out of a trace of its calls. Compiled with solc-js (strict assembly, evmVersion london: no
// PUSH0, for forks of chains without it); getterBatch.test.ts holds the committed bytecode to this source.
object "GetterBatch" {
  code {
    datacopy(0, dataoffset("runtime"), datasize("runtime"))
    return(0, datasize("runtime"))
  }
  object "runtime" {
    code {
      // Only the eth_call (from the zero address) and the batch itself (at it) are the batch's callers: anything
      // else running this code is a getter that called the zero address (or delegated to it), where alone it
      // finds no code.
      let selector := 0
      if iszero(or(caller(), address())) { selector := shr(224, calldataload(0)) }
      switch selector
      // The batch: after the selector, per call a word with its target, a word with its length, its calldata
      // padded to whole words. Each is asked in a frame of its own that then reverts (below) with its answer,
      // which is copied over the place its request was laid out: the return data is the answers in order.
      case 0x9e77e4b1 {
        let end := calldatasize()
        let out := 0
        let index := 0
        for { let p := 4 } lt(p, end) {} {
          let length := calldataload(add(p, 32))
          mstore(out, shl(224, 0x9e77e4b2))
          mstore(add(out, 4), index)
          mstore(add(out, 36), calldataload(p))
          calldatacopy(add(out, 68), add(p, 64), length)
          pop(call(gas(), address(), 0, out, add(68, length), 0, 0))
          returndatacopy(out, 0, returndatasize())
          out := add(out, returndatasize())
          index := add(index, 1)
          p := add(add(p, 64), and(add(length, 31), not(31)))
        }
        return(0, out)
      }
      // One call, then undone: whatever a getter wrote (an ABI that says view may lie) is gone before the next
      // one runs, as each eth_call starts from the block's own state. It reverts with a word saying how the call
      // ended (its index times 256, plus 1 answered, 0 reverted, 2 ran out of gas or hit an invalid instruction: all
      // its gas gone, where alone it has a little more), a word with the answer's length and the answer padded to
      // whole words.
      // Its index, kept in storage for the frame (undone with it), names the mark a getter reaching the zero
      // address leaves (default, below).
      case 0x9e77e4b2 {
        sstore(0, add(calldataload(4), 1))
        let length := sub(calldatasize(), 68)
        calldatacopy(0, 68, length)
        let before := gas()
        let answered := call(gas(), calldataload(36), 0, 0, length, 0, 0)
        let status := answered
        if and(iszero(answered), lt(gas(), div(before, 64))) { status := 2 }
        let size := mul(answered, returndatasize())
        mstore(0, or(shl(8, calldataload(4)), status))
        mstore(32, size)
        returndatacopy(64, 0, size)
        mstore(add(64, size), 0)
        revert(0, add(64, and(add(size, 31), not(31))))
      }
      // A getter that called the zero address finds what an account without code gives (success, nothing
      // returned), and leaves a mark: 0xff..ff00000000 plus its call's index plus one is called with no gas, so
      // the batch's prestateTracer lists that account, even though the frame that called it was undone (a read
      // alone would be optimised away). Delegated to, this code runs in the getter's storage, where no index is
      // kept: 0xff..ff00000000 itself, the mark of every call of the batch. Such an answer is never used
      // (getterBatch.ts).
      default {
        let index := 0
        if iszero(address()) { index := sload(0) }
        pop(staticcall(0, add(0xffffffffffffffffffffffffffffffff00000000, index), 0, 0, 0, 0))
        stop()
      }
    }
  }
}
