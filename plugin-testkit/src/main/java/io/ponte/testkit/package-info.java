/**
 * Test support for plugin authors (use with scope {@code test}): {@link io.ponte.testkit.TestConnectorContext}
 * opens a connector outside the hub, and {@link io.ponte.testkit.ConnectorContract} is the contract every
 * connector must pass — extend it once per connector type. {@link io.ponte.testkit.OversizedProvider} is a provider
 * whose answers are far too large, to prove a connector reads them with a cap.
 */
package io.ponte.testkit;
