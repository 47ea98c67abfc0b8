package org.helperscripts.telemetry.redis;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

import org.helperscripts.telemetry.ports.out.StoreUnavailableException;
import org.helperscripts.telemetry.ports.out.WeeklyReportLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.params.SetParams;

/**
 * The weekly reports sent, in the Redis that several service instances share: a claim is the key
 * {@value #PREFIX} + ISO week, set only if absent ({@code SET NX}) to a token only this ledger
 * knows, and kept for {@link #KEPT} (a week is claimed only while it is the last complete one,
 * so the key outlives every chance to claim it twice). Releasing deletes the key only while it
 * holds this ledger's token, so no ledger frees another's claim.
 */
public final class RedisWeeklyReportLedger implements WeeklyReportLedger {

    static final String PREFIX = "telemetry:weekly-report:";
    static final Duration KEPT = Duration.ofDays(35);

    private static final Logger LOG = LoggerFactory.getLogger(RedisWeeklyReportLedger.class);
    private static final Pattern ISO_WEEK = Pattern.compile("\\d{4}-W\\d{2}");
    /** Compare-and-delete in one step, so no other ledger's claim can be deleted in between. */
    private static final String RELEASE =
            "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

    private final RedisConnection redis;
    private final String token = UUID.randomUUID().toString();

    /** @param redis the connection, shared with other users of the same Redis in this instance */
    public RedisWeeklyReportLedger(RedisConnection redis) {
        this.redis = Objects.requireNonNull(redis, "redis");
    }

    /**
     * {@inheritDoc}
     *
     * @throws StoreUnavailableException when Redis is unreachable: whether the week was sent is
     *     unknown then, so nobody may claim it until Redis answers
     */
    @Override
    public boolean claim(String isoWeek) {
        String key = key(isoWeek);
        String answer;
        try {
            answer = redis.call(client -> client.set(key, token, SetParams.setParams().nx().px(KEPT.toMillis())));
        } catch (RedisUnreachableException e) {
            throw new StoreUnavailableException("the weekly report ledger in Redis is unreachable: " + e.getMessage(), e);
        }
        return "OK".equals(answer);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Only this ledger's claim is given back. When Redis is unreachable the claim stays until
     * it expires, and that week's report is not sent: one report lost rather than two sent.
     */
    @Override
    public void release(String isoWeek) {
        String key = key(isoWeek);
        try {
            redis.call(client -> client.eval(RELEASE, List.of(key), List.of(token)));
        } catch (RedisUnreachableException e) {
            LOG.warn("The claim of weekly report {} could not be given back; Redis is unreachable", isoWeek);
        }
    }

    private static String key(String isoWeek) {
        if (isoWeek == null || !ISO_WEEK.matcher(isoWeek).matches()) {
            throw new IllegalArgumentException("not an ISO week like 2026-W19: " + isoWeek);
        }
        return PREFIX + isoWeek;
    }
}
