package io.ponte.hub.plugins;

import io.ponte.api.PluginApi;
import java.nio.file.Path;
import org.pf4j.DefaultPluginFactory;
import org.pf4j.DefaultPluginManager;
import org.pf4j.Plugin;
import org.pf4j.PluginFactory;
import org.pf4j.PluginWrapper;

/**
 * PF4J's default manager as the hub uses it: plugin-api's version is the system version (so {@code Plugin-Requires}
 * is enforced), and a plugin class that cannot be created fails the start with the reason, where PF4J would report a
 * NullPointerException of its own.
 */
final class HubPluginManager extends DefaultPluginManager {

    HubPluginManager(Path pluginsDir) {
        super(pluginsDir);
        setSystemVersion(PluginApi.VERSION);
    }

    @Override
    protected PluginFactory createPluginFactory() {
        return new DefaultPluginFactory() {
            @Override
            public Plugin create(PluginWrapper wrapper) {
                Plugin plugin = super.create(wrapper);
                if (plugin == null) {
                    throw new IllegalStateException("its plugin class '" + wrapper.getDescriptor().getPluginClass()
                            + "' cannot be created: it must be in the plugin, extend org.pf4j.Plugin and have a public "
                            + "constructor");
                }
                return plugin;
            }
        };
    }
}
