package org.helperscripts.telemetry.redis;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.params.SetParams;

/**
 * Answers in Redis, shared by every instance that uses the same Redis: one string key per answer
 * ({@value #PREFIX} + key) holding a JSON envelope of the answer, when it was computed and until
 * when it is fresh, so every instance agrees on staleness. Redis drops the key when the grace
 * period after freshness ends.
 *
 * <p>While Redis is unreachable this tier holds nothing: reads find no answer and writes are
 * skipped (the connection logs the outage once). An answer Redis holds that no longer reads as its
 * class (its shape changed between versions) counts as no answer.
 */
final class RedisTier implements AnswerTier {

    static final String PREFIX = "telemetry:answer:";

    private static final Logger LOG = LoggerFactory.getLogger(RedisTier.class);

    private final RedisConnection redis;
    private final Duration grace;
    private final Clock clock;
    private final ObjectMapper json = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    RedisTier(RedisConnection redis, Duration grace, Clock clock) {
        this.redis = redis;
        this.grace = grace;
        this.clock = clock;
    }

    @Override
    public Optional<KeptAnswer> read(String key, Class<?> type) {
        String text;
        try {
            text = redis.call(client -> client.get(PREFIX + key));
        } catch (RedisUnreachableException e) {
            return Optional.empty();
        }
        if (text == null) {
            return Optional.empty();
        }
        try {
            JavaType envelopeType = json.getTypeFactory().constructParametricType(Envelope.class, type);
            Envelope<?> envelope = json.readValue(text, envelopeType);
            if (envelope.value() == null || envelope.computedAt() == null || envelope.freshUntil() == null) {
                throw new IllegalArgumentException("incomplete envelope");
            }
            return Optional.of(new KeptAnswer(envelope.value(), envelope.computedAt(), envelope.freshUntil(),
                    envelope.freshUntil().plus(grace)));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            LOG.warn("Cached answer {} in Redis does not read as {} ({}); it is computed again",
                    key, type.getSimpleName(), e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    @Override
    public void write(String key, KeptAnswer answer) {
        String text;
        try {
            text = json.writeValueAsString(new Envelope<>(answer.computedAt(), answer.freshUntil(), answer.value()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("answers of " + answer.value().getClass().getName()
                    + " cannot be written as JSON", e);
        }
        long lifetime = Math.max(1, Duration.between(clock.instant(), answer.goneAt()).toMillis());
        try {
            redis.call(client -> client.set(PREFIX + key, text, SetParams.setParams().px(lifetime)));
        } catch (RedisUnreachableException e) {
            // the answer is still served to this caller; Redis gets the next one
        }
    }

    /** The JSON shape of an answer in Redis. */
    record Envelope<T>(Instant computedAt, Instant freshUntil, T value) {
    }
}
