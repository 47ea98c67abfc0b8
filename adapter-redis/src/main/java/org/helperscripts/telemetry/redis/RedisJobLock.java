package org.helperscripts.telemetry.redis;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import org.helperscripts.telemetry.ports.out.JobLock;
import redis.clients.jedis.params.SetParams;

/**
 * Job locks in Redis, for several service instances: the lock of a job is the key
 * {@value #PREFIX} + job, set only if absent ({@code SET NX PX lease}) to a token only its holder
 * knows. Releasing deletes the key only while it still holds that token, so a holder whose lease
 * ran out cannot free the lock another instance has taken since.
 *
 * <p>While Redis is unreachable no lock is granted: a job skips its turn rather than run on every
 * instance at once (the connection logs the outage once).
 */
public final class RedisJobLock implements JobLock {

    static final String PREFIX = "telemetry:lock:";

    /** Compare-and-delete in one step, so no other holder's lock can be deleted in between. */
    private static final String RELEASE =
            "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

    private final RedisConnection redis;

    /** @param redis the connection, shared with other users of the same Redis in this instance */
    public RedisJobLock(RedisConnection redis) {
        this.redis = Objects.requireNonNull(redis, "redis");
    }

    @Override
    public Optional<JobLease> tryAcquire(String job, Duration lease) {
        JobLeases.requireValid(job, lease);
        String key = PREFIX + job;
        String token = UUID.randomUUID().toString();
        String answer;
        try {
            answer = redis.call(client -> client.set(key, token, SetParams.setParams().nx().px(lease.toMillis())));
        } catch (RedisUnreachableException e) {
            return Optional.empty();
        }
        return "OK".equals(answer) ? Optional.of(new RedisLease(job, key, token)) : Optional.empty();
    }

    private final class RedisLease implements JobLease {

        private final String job;
        private final String key;
        private final String token;
        private final AtomicBoolean released = new AtomicBoolean();

        RedisLease(String job, String key, String token) {
            this.job = job;
            this.key = key;
            this.token = token;
        }

        @Override
        public String job() {
            return job;
        }

        @Override
        public void close() {
            if (!released.compareAndSet(false, true)) {
                return;
            }
            try {
                redis.call(client -> client.eval(RELEASE, List.of(key), List.of(token)));
            } catch (RedisUnreachableException e) {
                // the lease runs out by itself
            }
        }

        @Override
        public String toString() {
            return "JobLease[" + job + "]";
        }
    }
}
