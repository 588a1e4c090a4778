/**
 * The {@code mercadolivre} connector: one Mercado Livre (Mercado Libre) seller.
 *
 * <p>Inbound, Mercado Livre POSTs thin notices ("resource X of topic T changed") to {@code /hooks/{connectionId}};
 * {@link io.ponte.plugins.mercadolivre.NoticeReceiver} keeps those of this app and seller and stores each with a
 * follow-up, which the hub runs as the action {@code notice.fetch}
 * ({@link io.ponte.plugins.mercadolivre.NoticeFetch}, {@link io.ponte.plugins.mercadolivre.BuyerMessages}): the
 * resource is fetched with the seller's token and emitted as {@code order.updated}, {@code message.inbound},
 * {@code message.status} or {@code item.updated}. Outbound, {@link io.ponte.plugins.mercadolivre.MessageSend},
 * {@link io.ponte.plugins.mercadolivre.OrderLookup} and {@link io.ponte.plugins.mercadolivre.StockUpdate} call the
 * API through {@link io.ponte.plugins.mercadolivre.MercadoLivreApi} (the kit's {@code Provider} with the bearer token
 * of {@link io.ponte.plugins.mercadolivre.OAuthTokens}); {@link io.ponte.plugins.mercadolivre.MercadoLivreErrors}
 * says what Mercado Livre's error answers mean.
 *
 * <p>Tokens never reach a log, a reason or an exception message; the rotating refresh token lives in the
 * connection's encrypted secrets.
 */
package io.ponte.plugins.mercadolivre;
