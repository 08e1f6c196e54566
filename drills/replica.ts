// Drill replica (lag or loss): reads stay correct for the writer, then fall back to the primary.
// Not yet a drill against running instances. The behaviour is proved on a real streaming replica
// by test/deploy/read-replica.test.ts (run in CI): replay paused → the writer still reads its own
// write and other accounts read the lagging copy; past the lag bound → everyone reads the primary,
// logged once; replica stopped → reads fall back to the primary, logged once.
// To build: start deploy/local-cluster.sh's pg pair and an instance with DATABASE_READ_URL, a
// second account for the reader, and time each transition from the outside.
export const REPLICA_NOT_RUN = 'not a drill yet: proved on a real replica by test/deploy/read-replica.test.ts';
