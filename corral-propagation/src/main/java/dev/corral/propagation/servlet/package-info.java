/**
 * Incoming requests of a Jakarta Servlet 5/6 application (Jetty 12 ee10, Tomcat 10+, Undertow, Spring Boot 3):
 * {@link dev.corral.propagation.servlet.CorrelationFilter} gives each request its ids for as long as the
 * container runs it. The servlet API is {@code provided}: the container has it.
 */
package dev.corral.propagation.servlet;
