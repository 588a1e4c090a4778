package io.ponte.plugins.openai;

/**
 * One model provider of the agent's chain, behind its official SDK, whose transport is the hub's HTTP client
 * ({@link HubExchange}). Thread-safe; one per configured provider and connection.
 */
interface ChatProvider extends AutoCloseable {

    /** The provider as metrics, notes and logs name it: its {@code kind} ({@code openai}, {@code anthropic}, ...). */
    String kind();

    /** The host it calls, for health details (never the full URL). */
    String host();

    /**
     * Asks {@code model} once (no retries: {@link ModelCaller} decides them).
     *
     * @throws ProviderFailure whatever went wrong, classified
     */
    Chat.Answer complete(String model, Chat.Request request);

    /**
     * Looks {@code model} up ({@code GET .../models/{model}}): proves the key and the base URL.
     *
     * @throws ProviderFailure when it cannot
     */
    void lookUp(String model);

    /** Releases nothing the hub owns. */
    @Override
    void close();
}
