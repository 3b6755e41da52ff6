// The getter batch (getterBatch.ts): laid by state override at the zero address, the sender of a plain eth_call,
// so each getter it asks sees the msg.sender and tx.origin that asking it alone would. Compiled with solc-js
// (strict assembly, evmVersion london: no PUSH0, for forks of chains without it); getterBatch.test.ts holds the
// committed bytecode to this source.
object "GetterBatch" {
  code {
    datacopy(0, dataoffset("runtime"), datasize("runtime"))
    return(0, datasize("runtime"))
  }
  object "runtime" {
    code {
      switch shr(224, calldataload(0))
      // The batch: after the selector, per call a word with its target, a word with its length, its calldata
      // padded to whole words. Each is asked in a frame of its own that then reverts (below).
      case 0x9e77e4b1 {
        let end := calldatasize()
        for { let p := 4 } lt(p, end) {} {
          let length := calldataload(add(p, 32))
          mstore(0, shl(224, 0x9e77e4b2))
          mstore(4, calldataload(p))
          calldatacopy(36, add(p, 64), length)
          pop(call(gas(), address(), 0, 0, add(36, length), 0, 0))
          p := add(add(p, 64), and(add(length, 31), not(31)))
        }
        stop()
      }
      // One call, then undone: whatever a getter wrote (an ABI that says view may lie) is gone before the next
      // one runs, as each eth_call starts from the block's own state. Its answer is read from the call tree.
      case 0x9e77e4b2 {
        let length := sub(calldatasize(), 36)
        calldatacopy(0, 36, length)
        pop(call(gas(), calldataload(4), 0, 0, length, 0, 0))
        revert(0, 0)
      }
      // Anything else (a getter that calls the zero address) finds what an account without code gives: success,
      // nothing returned. Such an answer is never used all the same (getterBatch.ts).
      default { stop() }
    }
  }
}
