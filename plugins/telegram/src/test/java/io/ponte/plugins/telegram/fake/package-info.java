/**
 * {@link io.ponte.plugins.telegram.fake.FakeBotApi}: a local stand-in for the Telegram Bot API, for this module's
 * tests and for end-to-end tests elsewhere (it ships in this module's test-jar).
 */
package io.ponte.plugins.telegram.fake;
