/**
 * The base of local fake providers for plugin tests: {@link io.ponte.testkit.fake.FakeProvider} records requests
 * and answers them from a script or from the provider's documented behaviour.
 */
package io.ponte.testkit.fake;
