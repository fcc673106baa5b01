package org.gdxhub.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Configuration of the demo module, under {@code hub.demo.*}.
 *
 * @param enabled seed the demo agencies, datasets and agreements on first start
 * @param civilRecordDailyQuota the daily quota of the demo civil-record agreement (0: none); load
 *     tests that run longer than the quota lasts raise it
 */
@ConfigurationProperties("hub.demo")
public record DemoProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("10000") int civilRecordDailyQuota) {}
