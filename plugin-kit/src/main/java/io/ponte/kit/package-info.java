/**
 * What every provider call of a plugin needs, in one place: the answer read with a size cap
 * ({@link io.ponte.kit.CappedBody}, {@link io.ponte.kit.ProviderResponse#send}), so a hostile or broken endpoint
 * cannot fill the hub's heap, and the transport failures of a call (timeout, I/O error, interrupt) as an
 * {@link io.ponte.api.action.ActionResult.Retry} ({@link io.ponte.kit.ProviderCall}). A plugin keeps only what its
 * provider's answers mean.
 *
 * <p>A library bundled into each plugin's zip ({@code lib/}) and loaded by each plugin's own class loader; it
 * depends on the platform libraries only.
 */
package io.ponte.kit;
