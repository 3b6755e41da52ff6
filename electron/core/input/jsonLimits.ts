/**
 * The limits every JSON file or text this console reads is held to: a queue file, a review bundle, signatures,
 * an ABI or artifact, a carried state, a JSON column of the store. Nothing a guardian reviews comes near them;
 * a file beyond them is hostile or broken, and is refused before anything walks it.
 */

/** The largest JSON read whole (a 1000-call batch with its calldata, a bundle's carried pre-state). */
export const MAX_JSON_BYTES = 20_000_000;

/**
 * The deepest nesting of objects and arrays. Real files nest under ten (a compiled artifact's tuple
 * components); a 50,000-deep object would overflow the stack of any recursive walk over it (a checksum, a
 * schema), so it is refused while the text is still text.
 */
export const MAX_JSON_DEPTH = 64;
