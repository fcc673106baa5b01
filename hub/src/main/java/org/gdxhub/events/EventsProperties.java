package org.gdxhub.events;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Configuration of the governed subscriptions, under {@code hub.events.*}. The streams
 * themselves (transport, topics, the dataset of each) are connector configuration:
 * {@code hub.connectors.change-events.*}.
 *
 * @param retention delivered events stay in a unit's feed this long; then their content is erased
 *     (the delivery and its ledger entry stay)
 * @param purgeInterval how often expired content is erased (route {@code events.purge-deliveries})
 * @param maxSubjects most subjects one subscription may hold
 * @param maxPage most events one feed request returns
 */
@ConfigurationProperties("hub.events")
public record EventsProperties(
    @DefaultValue("30d") Duration retention,
    @DefaultValue("1h") Duration purgeInterval,
    @DefaultValue("10000") int maxSubjects,
    @DefaultValue("500") int maxPage) {}
