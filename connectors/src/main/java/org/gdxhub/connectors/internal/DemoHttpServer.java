package org.gdxhub.connectors.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import org.gdxhub.connectors.CredentialsProvider.Credentials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.net.httpserver.BasicAuthenticator;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/**
 * A bundled demo owner system: a real HTTP server (the JDK's) on 127.0.0.1 and its own port,
 * so that the hub reaches it exactly as it would reach the owner's system: over the network,
 * with HTTP Basic credentials, optionally with an artificial delay (a slow source).
 */
abstract class DemoHttpServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DemoHttpServer.class);

  private final String name;
  private final int port;
  private volatile Duration delay;
  private final Credentials credentials;
  private final AtomicLong requests = new AtomicLong();
  private HttpServer server;
  private ExecutorService executor;

  DemoHttpServer(String name, int port, Duration delay, Credentials credentials) {
    this.name = name;
    this.port = port;
    this.delay = delay;
    this.credentials = credentials;
  }

  /** Registers the server's handlers; {@code protect} puts a context behind HTTP Basic. */
  protected abstract void contexts(HttpServer server);

  synchronized void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
    executor = Executors.newVirtualThreadPerTaskExecutor();
    server.setExecutor(executor);
    contexts(server);
    server.start();
    log.info("demo source system {} listening on http://127.0.0.1:{}", name, port());
  }

  int port() {
    return server == null ? port : server.getAddress().getPort();
  }

  long requests() {
    return requests.get();
  }

  /** Changes the artificial latency of every answer from now on (tests make a running source slow, then fast again). */
  void delay(Duration delay) {
    this.delay = delay;
  }

  @Override
  public synchronized void close() {
    if (server != null) {
      server.stop(0);
      executor.shutdownNow();
      server = null;
    }
  }

  protected HttpContext protect(HttpContext context) {
    if (credentials != null) {
      context.setAuthenticator(new BasicAuthenticator(name) {
        @Override
        public boolean checkCredentials(String username, String password) {
          return credentials.username().equals(username) && credentials.secret().equals(password);
        }
      });
    }
    return context;
  }

  /** Wraps a handler with the request counter, the artificial delay and error handling. */
  protected HttpHandler handler(HttpHandler handler) {
    return exchange -> {
      requests.incrementAndGet();
      try (exchange) {
        Duration pause = delay;
        if (!pause.isZero()) {
          Thread.sleep(pause);
        }
        handler.handle(exchange);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        log.warn("demo source system {} failed", name, e);
        send(exchange, 500, "text/plain", "internal error");
      }
    };
  }

  protected static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }
}
