/**
 * The {@code telegram} connector: a Telegram bot through the Bot API (core.telegram.org/bots/api).
 *
 * <p>Inbound, Telegram POSTs one {@code Update} per request to {@code /hooks/{connectionId}} with the secret token
 * in {@code X-Telegram-Bot-Api-Secret-Token}; {@link io.ponte.plugins.telegram.TelegramWebhookReceiver} checks it
 * and {@link io.ponte.plugins.telegram.UpdateMapper} with {@link io.ponte.plugins.telegram.MessageContents} map
 * the update. Outbound, {@link io.ponte.plugins.telegram.MessageSend} builds one Bot API call
 * ({@link io.ponte.plugins.telegram.OutboundRequests}) and {@link io.ponte.plugins.telegram.CallOutcomes} turns
 * Telegram's answer into the action's outcome.
 *
 * <p>Roles: {@link io.ponte.plugins.telegram.TelegramConnectorFactory} (descriptor and config spec),
 * {@link io.ponte.plugins.telegram.TelegramConnector} (one per bot connection),
 * {@link io.ponte.plugins.telegram.TelegramConfig} (validated config),
 * {@link io.ponte.plugins.telegram.TelegramClient} with {@link io.ponte.plugins.telegram.HttpTelegramClient}
 * (the Bot API), {@link io.ponte.plugins.telegram.TelegramMediaFetcher} (inbound files).
 *
 * <p>The bot token is part of every Bot API URL, so no URL of a call ever reaches a log, a reason or an exception.
 */
package io.ponte.plugins.telegram;
