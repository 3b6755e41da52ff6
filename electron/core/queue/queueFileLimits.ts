/** The largest queue file read (a Transaction Builder batch, Transaction Service JSON): anything bigger is no queue file. */
export const MAX_QUEUE_FILE_BYTES = 20_000_000;
