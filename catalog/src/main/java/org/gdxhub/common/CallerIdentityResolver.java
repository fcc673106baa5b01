package org.gdxhub.common;

import java.util.List;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Lets controller methods take a {@link CallerIdentity} parameter: the identity the security
 * module authenticated (request attribute {@link CallerIdentity#REQUEST_ATTRIBUTE}), else
 * {@link CallerIdentity#ANONYMOUS}. X-GDX-* request headers are ignored: a header can never
 * make an officer of agency A act for agency B.
 */
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
    return request.getAttribute(CallerIdentity.REQUEST_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST)
        instanceof CallerIdentity caller ? caller : CallerIdentity.ANONYMOUS;
  }
}
