package org.gdxhub.cluster;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the cluster module, under {@code hub.cluster.*}.
 *
 * @param instanceId this instance's name in the job lock table ({@code shedlock.locked_by}) and
 *     the logs; by default the host name and process id (a Kubernetes pod's name is its host name)
 */
@ConfigurationProperties("hub.cluster")
public record ClusterProperties(String instanceId) {}
