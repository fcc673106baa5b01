package org.gdxhub.common;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Lets controller methods take a {@link CallerIdentity} parameter, read from the X-GDX-* headers. */
@Configuration(proxyBeanMethods = false)
public class CallerIdentityResolver implements HandlerMethodArgumentResolver, WebMvcConfigurer {

  @Override
  public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
    resolvers.add(this);
  }

  @Override
  public boolean supportsParameter(MethodParameter parameter) {
    return parameter.getParameterType() == CallerIdentity.class;
  }

  @Override
  public CallerIdentity resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
      NativeWebRequest request, WebDataBinderFactory binderFactory) {
    String roles = request.getHeader(CallerIdentity.ROLES_HEADER);
    Set<String> roleSet = roles == null ? Set.of()
        : Arrays.stream(roles.split(",")).map(String::trim).filter(r -> !r.isEmpty()).collect(Collectors.toSet());
    return new CallerIdentity(
        trimmed(request.getHeader(CallerIdentity.AGENCY_HEADER)),
        trimmed(request.getHeader(CallerIdentity.UNIT_HEADER)),
        trimmed(request.getHeader(CallerIdentity.OFFICER_HEADER)),
        roleSet);
  }

  private static String trimmed(String value) {
    return value == null ? null : value.trim();
  }
}
