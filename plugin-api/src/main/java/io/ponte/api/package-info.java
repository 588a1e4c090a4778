/**
 * The Ponte plugin API: everything a third-party plugin compiles against.
 *
 * <p>A plugin is a PF4J plugin whose {@link org.pf4j.Extension extensions} implement
 * {@link io.ponte.api.connector.ConnectorFactory}. The hub validates each configured connection against the
 * factory's {@link io.ponte.api.config.ConfigSpec}, opens one {@link io.ponte.api.connector.Connector} per
 * connection and talks to it through three doors: webhooks ({@link io.ponte.api.webhook}), actions
 * ({@link io.ponte.api.action}) and an optional poller. Everything that moves through the hub is an
 * {@link io.ponte.api.message.Envelope}.
 *
 * <p>Packages: {@code message} (the normalized model), {@code connector} (the extension point and the
 * per-connection context), {@code config} (config schemas), {@code action} (named operations and their
 * outcomes), {@code webhook} (inbound HTTP), {@code error} (retriable vs permanent failures).
 *
 * <p>Compatibility: this module follows SemVer through {@link io.ponte.api.PluginApi#VERSION}; plugins declare the
 * range they need in {@code plugin.requires}. New methods arrive as {@code default} methods with {@code @since}.
 */
package io.ponte.api;
