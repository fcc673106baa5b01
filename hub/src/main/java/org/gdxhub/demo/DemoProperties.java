package org.gdxhub.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Configuration of the demo module, under {@code hub.demo.*}. */
@ConfigurationProperties("hub.demo")
public record DemoProperties(@DefaultValue("true") boolean enabled) {}
