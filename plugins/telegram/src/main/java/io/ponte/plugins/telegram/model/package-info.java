/**
 * Wire shapes of the Telegram Bot API that the connector reads or writes as a whole: the response envelope
 * ({@link io.ponte.plugins.telegram.model.BotApiAnswer}) and one method call
 * ({@link io.ponte.plugins.telegram.model.BotApiCall}). Updates and messages are read from Jackson trees field by
 * field rather than bound to classes, so Telegram's frequent additions never break parsing and Jackson never
 * caches a plugin class (which would pin the plugin's class loader after unload).
 */
package io.ponte.plugins.telegram.model;
