package org.gdxhub.security.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/** The hub's header-only resolver answers exactly as Spring Security's default one does. */
class HeaderBearerTokenResolverTest {

  private final BearerTokenResolver fast = new HeaderBearerTokenResolver();
  private final BearerTokenResolver spring = new DefaultBearerTokenResolver();

  @Test
  void answersLikeTheDefaultResolverOnHandPickedHeaders() {
    List<String> headers = new ArrayList<>(List.of(
        "Bearer eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJvZmZpY2VyLTAwMSJ9.c2lnbmF0dXJl",
        "bearer abc", "BEARER abc", "BeArEr a-b.c_d~e+f/g==", "Bearer abc=", "Bearer abc===",
        "Bearer", "Bearer ", "Bearer  abc", "Bearer abc ", "Bearer =abc", "Bearer ab=c", "Bearer a\n",
        "Bearer\tabc", "Bearer ab c", "Bearer abç", "Bearer ab\u212a", "Bearerabc", "Bearers abc",
        "Basic dXNlcjpwYXNz", "Digest x", "", " Bearer abc", "Bear abc", "bearer", "Bearer ====="));
    headers.add(null);
    for (String header : headers) {
      assertSameAnswer(header);
    }
  }

  @Test
  void answersLikeTheDefaultResolverOnGeneratedHeaders() {
    String alphabet = "aZ09-._~+/= \t\n,;:\"'\\éß\u212a\u017f";
    String[] prefixes = {"Bearer ", "bearer ", "BEARER ", "Bearer", "Bearer  ", "Basic ", "Bearerx ", ""};
    Random random = new Random(20261204);
    for (int n = 0; n < 20_000; n++) {
      var token = new StringBuilder();
      int length = random.nextInt(12);
      for (int i = 0; i < length; i++) {
        token.append(random.nextInt(4) == 0 ? alphabet.charAt(random.nextInt(alphabet.length()))
            : alphabet.charAt(random.nextInt(6)));
      }
      assertSameAnswer(prefixes[random.nextInt(prefixes.length)] + token);
    }
  }

  private void assertSameAnswer(String header) {
    var request = new MockHttpServletRequest("POST", "/api/v1/exchange/civil-registration/lookup");
    request.setContentType("application/json");
    if (header != null) {
      request.addHeader("Authorization", header);
    }
    assertThat(answer(fast, request)).as("header %s", header == null ? null : header.replace("\n", "\\n"))
        .isEqualTo(answer(spring, request));
  }

  /** The token, null, or the OAuth2 error code and description the resolver threw. */
  private static String answer(BearerTokenResolver resolver, MockHttpServletRequest request) {
    try {
      String token = resolver.resolve(request);
      return token == null ? "<none>" : "token:" + token;
    } catch (OAuth2AuthenticationException e) {
      return "error:" + e.getError().getErrorCode() + ":" + e.getError().getDescription();
    }
  }
}
