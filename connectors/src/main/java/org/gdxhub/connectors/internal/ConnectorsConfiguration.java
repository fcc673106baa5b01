package org.gdxhub.connectors.internal;

import javax.sql.DataSource;

import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.gdxhub.connectors.ConnectorsProperties;
import org.gdxhub.connectors.PopulationRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** Wires the owners' systems: data sources for the SQL connectors, bound into Camel's registry. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConnectorsProperties.class)
@PropertySource(value = "classpath:gdx-connectors.properties", encoding = "UTF-8")
class ConnectorsConfiguration {

  @Bean
  PopulationRegistry populationRegistry(ConnectorsProperties properties) {
    ConnectorsProperties.PopulationRegistry config = properties.populationRegistry();
    HikariConfig hikari = new HikariConfig();
    hikari.setPoolName("population-registry");
    hikari.setJdbcUrl(config.jdbcUrl());
    hikari.setUsername(config.username());
    hikari.setPassword(config.password());
    hikari.setMaximumPoolSize(8);
    hikari.setReadOnly(!config.demoSeed());
    DataSource dataSource = new HikariDataSource(hikari);
    if (config.demoSeed()) {
      new DemoPopulationRegistry(dataSource).seedIfEmpty(config.demoPeople());
    }
    return new PopulationRegistry(dataSource);
  }

  @Bean
  CamelContextConfiguration bindConnectorDataSources(PopulationRegistry populationRegistry) {
    return new CamelContextConfiguration() {
      @Override
      public void beforeApplicationStart(org.apache.camel.CamelContext camelContext) {
        camelContext.getRegistry().bind(PopulationRegistry.DATA_SOURCE_NAME, populationRegistry.dataSource());
      }

      @Override
      public void afterApplicationStart(org.apache.camel.CamelContext camelContext) {}
    };
  }
}
