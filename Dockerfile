# syntax=docker/dockerfile:1
# GDX Hub container image (README "Deployment"). Untested on the build machines (no Docker
# engine there); the jar it packages is the one bin/test and TwoHubInstancesIT run.
#   docker build -t gdx-hub:dev .
#   docker run -p 8080:8080 gdx-hub:dev                       # embedded defaults, demo data
# In a cluster, configure it by environment (infra/terraform/modules/hub-settings).

FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY . .
# -DskipTests: the tests need PostgreSQL, Kafka, Elasticsearch and OPA; CI runs them (bin/test).
# -Dmdep.skip: do not unpack the Elasticsearch distribution that only the tests use.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -ntp -DskipTests -Dmdep.skip=true -pl hub -am package \
 && cp hub/target/gdx-hub-exec.jar /gdx-hub.jar

FROM eclipse-temurin:21-jre
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 gdx \
 && useradd --system --uid 10001 --gid gdx --home-dir /var/lib/gdx-hub --shell /usr/sbin/nologin gdx \
 && mkdir -p /var/lib/gdx-hub /srv/gdx-archive \
 && chown gdx:gdx /var/lib/gdx-hub /srv/gdx-archive
COPY --from=build /gdx-hub.jar /opt/gdx-hub/gdx-hub.jar
USER 10001:10001
WORKDIR /var/lib/gdx-hub
ENV HUB_DATA_DIR=/var/lib/gdx-hub \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --start-period=90s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8080/actuator/health/liveness || exit 1
ENTRYPOINT ["java", "-jar", "/opt/gdx-hub/gdx-hub.jar"]
