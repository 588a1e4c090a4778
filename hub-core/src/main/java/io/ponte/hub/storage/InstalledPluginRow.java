package io.ponte.hub.storage;

/** One row of {@code installed_plugins} without its content (see {@link PluginStore#content}). */
public record InstalledPluginRow(String id, String version, String fileName, String sha256, boolean enabled,
                                 boolean hasContent, long updatedAt) {
}
