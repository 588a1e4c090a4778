/**
 * Test support for plugin authors (use with scope {@code test}): {@link io.ponte.testkit.TestConnectorContext}
 * opens a connector outside the hub, and {@link io.ponte.testkit.ConnectorContract} is the contract every
 * connector must pass — extend it once per connector type. {@link io.ponte.testkit.OversizedProvider} is a
 * provider whose answers are far too large, to prove a connector reads them with a cap;
 * {@link io.ponte.testkit.RecordingHttpClient} records and denies requests as the hub's outbound policy would, to
 * prove a connector sends through {@code context.httpClient()}.
 */
package io.ponte.testkit;
