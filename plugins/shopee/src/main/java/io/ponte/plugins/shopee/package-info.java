/**
 * The {@code shopee} connector: one Shopee shop through the Open Platform API v2 (open.shopee.com).
 *
 * <p>Inbound, Shopee POSTs pushes to the callback URL signed with the App's partner key;
 * {@link io.ponte.plugins.shopee.ShopeePushReceiver} checks the {@code Authorization} and stores each push, an order
 * push with a follow-up that {@link io.ponte.plugins.shopee.Orders} runs durably (fetch the order, emit
 * {@code order.updated}). Outbound, {@link io.ponte.plugins.shopee.ShopeeClient} signs every call
 * ({@link io.ponte.plugins.shopee.ShopeeSigns}), refreshes and rotates the tokens
 * ({@link io.ponte.plugins.shopee.ShopeeTokens}) and reads error answers with
 * {@link io.ponte.plugins.shopee.ShopeeErrors}; {@link io.ponte.plugins.shopee.ItemStock} sets stock.
 *
 * <p>Tokens and signs are part of every call's URL, so no URL of a call ever reaches a log, a reason or an
 * exception.
 */
package io.ponte.plugins.shopee;
