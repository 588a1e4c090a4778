/**
 * The Graph API fake both Meta plugins' fakes extend ({@link io.ponte.plugins.meta.fake.FakeGraph}), shipped in
 * this module's test-jar.
 */
package io.ponte.plugins.meta.fake;
