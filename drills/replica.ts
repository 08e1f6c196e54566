// Drill replica (lag or loss): reads stay correct for the writer, then fall back to the primary.
// It needs a streaming replica and DATABASE_READ_URL, which deploy/local-cluster.sh and the
// replica routing (issue 20 items 2 and 3) bring; the topology started here has no replica.
// TODO(issue 20): once both are merged, run the write-then-read check against the cluster named
// by GRIDGUARD_DRILL_TARGET: pause the replica's replay (pg_wal_replay_pause), write, read back
// as the writer (must see it), read as another account (may lag), stop the replica (reads fall
// back to the primary, logged).
export const REPLICA_NOT_RUN = 'needs the local cluster (DATABASE_READ_URL)';
