package io.ponte.hub.plugins;

import java.util.List;

/**
 * What {@code GET /api/v1/plugins} shows of one plugin file.
 *
 * @param id         the plugin id, or the file name when the file could not be read
 * @param version    the plugin version, or null
 * @param state      {@code started}, {@code disabled}, {@code failed}, ...
 * @param error      why it is not started, or null
 * @param connectors the connector types it contributes
 * @param file       the plugin file or directory name
 */
public record PluginInfo(String id, String version, String state, String error, List<String> connectors,
                         String file) {
}
