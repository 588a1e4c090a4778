/**
 * Inbound media. A connector whose provider keeps files behind ids offers a
 * {@link io.ponte.api.media.MediaFetcher} ({@link io.ponte.api.connector.Connector#media()}); the hub downloads
 * through it on demand into its media store and serves the file to admins and agents.
 *
 * @since 1.1.0
 */
package io.ponte.api.media;
