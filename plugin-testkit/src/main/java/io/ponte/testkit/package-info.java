/**
 * Test support for plugin authors (use with scope {@code test}): {@link io.ponte.testkit.TestConnectorContext}
 * opens a connector outside the hub, and {@link io.ponte.testkit.ConnectorContract} is the contract every
 * connector must pass — extend it once per connector type.
 */
package io.ponte.testkit;
