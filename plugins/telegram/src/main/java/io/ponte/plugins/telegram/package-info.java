/**
 * The {@code telegram} connector: a Telegram bot through the Bot API (core.telegram.org/bots/api).
 *
 * <p>Inbound, Telegram POSTs one {@code Update} per request to {@code /hooks/{connectionId}} with the secret token
 * in {@code X-Telegram-Bot-Api-Secret-Token}; {@link io.ponte.plugins.telegram.TelegramWebhookReceiver} checks it
 * and {@link io.ponte.plugins.telegram.UpdateMapper} with {@link io.ponte.plugins.telegram.MessageContents} map
 * the update. Outbound, {@link io.ponte.plugins.telegram.MessageSend} builds one Bot API call
 * ({@link io.ponte.plugins.telegram.OutboundRequests}); {@link io.ponte.plugins.telegram.TelegramClient} makes it
 * through the plugin kit's {@code Provider}, and {@link io.ponte.plugins.telegram.BotApiErrors} says what
 * Telegram's error answers mean.
 *
 * <p>Roles: {@link io.ponte.plugins.telegram.TelegramConnectorFactory} (descriptor and config spec),
 * {@link io.ponte.plugins.telegram.TelegramConnector} (one per bot connection),
 * {@link io.ponte.plugins.telegram.TelegramConfig} (config fields, declared once, and the typed config),
 * {@link io.ponte.plugins.telegram.TelegramClient} (the Bot API),
 * {@link io.ponte.plugins.telegram.TelegramMediaFetcher} (inbound files).
 *
 * <p>The bot token is part of every Bot API URL, so no URL of a call ever reaches a log, a reason or an exception.
 */
package io.ponte.plugins.telegram;
