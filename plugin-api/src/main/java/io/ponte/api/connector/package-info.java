/**
 * The extension point. A plugin contributes {@link io.ponte.api.connector.ConnectorFactory} extensions
 * ({@code @org.pf4j.Extension}); each describes a connector type and opens one
 * {@link io.ponte.api.connector.Connector} per configured connection, handing it a
 * {@link io.ponte.api.connector.ConnectorContext}.
 *
 * <p>Lifecycle: the hub calls {@code descriptor()} once per plugin start, validates configs against it, calls
 * {@code open} when a connection is created, changed or the hub starts, and {@code close} when it is changed,
 * deleted, its plugin stops or the hub stops. Every call runs with the plugin's class loader as context class
 * loader, MDC keys {@code tenant} and {@code connection} set, and a timeout: a connector that throws or hangs
 * costs its own connection, never the hub.
 */
package io.ponte.api.connector;
