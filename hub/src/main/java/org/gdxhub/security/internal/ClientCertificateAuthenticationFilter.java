package org.gdxhub.security.internal;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.security.auth.x500.X500Principal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.gdxhub.common.CallerIdentity;
import org.gdxhub.common.ErrorCode;
import org.gdxhub.security.SecurityProperties.ClientCertificate;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Mutual TLS for agency systems (X-Road's way): the servlet container has already verified the
 * client certificate's chain against the configured trust store; this filter binds a listed
 * certificate subject to its agency, unit and roles (the officer is the certificate's subject).
 * A verified certificate whose subject is not listed is answered 401; no certificate lets the
 * request go on to the API-key and bearer-token filters.
 */
final class ClientCertificateAuthenticationFilter extends OncePerRequestFilter {

  static final String CERTIFICATES = "jakarta.servlet.request.X509Certificate";

  private final Map<String, ClientCertificate> bySubject;

  ClientCertificateAuthenticationFilter(List<ClientCertificate> clients) {
    this.bySubject = clients.stream().collect(Collectors.toMap(c -> canonical(c.subject()), Function.identity()));
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!(request.getAttribute(CERTIFICATES) instanceof X509Certificate[] chainPresented)
        || chainPresented.length == 0) {
      chain.doFilter(request, response);
      return;
    }
    String subject = canonical(chainPresented[0].getSubjectX500Principal().getName());
    ClientCertificate client = bySubject.get(subject);
    if (client == null) {
      ProblemResponses.write(response, ErrorCode.UNAUTHENTICATED, request,
          "the client certificate is not registered with the hub");
      return;
    }
    var caller = new CallerIdentity(client.agency(), client.unit(), commonName(chainPresented[0]),
        new HashSet<>(CallerAuthentication.knownRoles(client.roles())));
    CallerAuthentication.continueAs(caller, "client-certificate", request, response, chain);
  }

  /** The system's name for the ledger's officer column: the subject's CN, else the whole subject. */
  static String commonName(X509Certificate certificate) {
    String subject = certificate.getSubjectX500Principal().getName(X500Principal.RFC2253);
    try {
      return new LdapName(subject).getRdns().stream().filter(r -> r.getType().equalsIgnoreCase("CN"))
          .map(r -> r.getValue().toString()).reduce((first, last) -> last).orElse(subject);
    } catch (InvalidNameException e) {
      return subject;
    }
  }

  /** One spelling per name: RFC 2253 canonical form (case, spacing and attribute-type aliases folded). */
  static String canonical(String distinguishedName) {
    return new X500Principal(distinguishedName).getName(X500Principal.CANONICAL);
  }
}
