package org.gdxhub.cluster.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;

import javax.sql.DataSource;

import org.gdxhub.cluster.ClusterProperties;
import org.gdxhub.cluster.SingletonJobs;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;

/** Wires the run-once job locks on the system of record (H2 or PostgreSQL alike). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ClusterProperties.class)
class ClusterConfiguration {

  @Bean
  SingletonJobs singletonJobs(DataSource dataSource, ClusterProperties properties) {
    String instanceId = properties.instanceId() == null || properties.instanceId().isBlank()
        ? defaultInstanceId() : properties.instanceId();
    var locks = new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
        .withJdbcTemplate(new JdbcTemplate(dataSource))
        .withTableName("shedlock")
        .withLockedByValue(instanceId)
        .usingDbTime()
        .build());
    return new ShedLockSingletonJobs(locks, instanceId);
  }

  private static String defaultInstanceId() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "localhost";
    }
    return host + ":" + ProcessHandle.current().pid();
  }
}
