package io.ponte.hub.storage;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.ColumnMapper;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/** Registers the row mappers once and hands out the stores, one per aggregate. */
public final class Stores {

    private final EventStore events;
    private final Outbox outbox;
    private final ConnectionStore connections;
    private final RouteStore routes;
    private final StateStore state;
    private final ClusterStore cluster;
    private final SettingsStore settings;
    private final ConversationStore conversations;
    private final AuditStore audit;
    private final TenantStore tenants;
    private final PluginStore plugins;
    private final McpCallStore mcpCalls;
    private final ContactStore contacts;

    public Stores(Jdbi jdbi) {
        jdbi.registerRowMapper(ConstructorMapper.factory(EventRow.class));
        ColumnMapper<DeliveryState> state = (rs, column, ctx) -> DeliveryState.of(rs.getString(column));
        jdbi.registerColumnMapper(DeliveryState.class, state);
        jdbi.registerRowMapper(ConstructorMapper.factory(DeliveryRow.class));
        jdbi.registerRowMapper(ConstructorMapper.factory(ConnectionRow.class));
        jdbi.registerRowMapper(ConstructorMapper.factory(RouteRow.class));
        jdbi.registerRowMapper(ConstructorMapper.factory(ConversationRow.class));
        jdbi.registerRowMapper(ConstructorMapper.factory(ConversationMessageRow.class));
        jdbi.registerRowMapper(ConstructorMapper.factory(AuditRow.class));
        jdbi.registerRowMapper(ConstructorMapper.factory(TenantRow.class));
        jdbi.registerRowMapper(ConstructorMapper.factory(ApiKeyRow.class));
        jdbi.registerRowMapper(ConstructorMapper.factory(InstalledPluginRow.class));
        jdbi.registerRowMapper(ConstructorMapper.factory(ContactStore.ContactRow.class));
        this.conversations = new ConversationStore(jdbi);
        this.outbox = new Outbox(jdbi);
        this.events = new EventStore(jdbi, conversations, outbox);
        this.connections = new ConnectionStore(jdbi);
        this.routes = new RouteStore(jdbi);
        this.state = new StateStore(jdbi);
        this.cluster = new ClusterStore(jdbi);
        this.settings = new SettingsStore(jdbi);
        this.audit = new AuditStore(jdbi);
        this.mcpCalls = new McpCallStore(jdbi);
        this.tenants = new TenantStore(jdbi);
        this.plugins = new PluginStore(jdbi);
        this.contacts = new ContactStore(jdbi, outbox);
    }

    public EventStore events() {
        return events;
    }

    public Outbox outbox() {
        return outbox;
    }

    public ConnectionStore connections() {
        return connections;
    }

    public RouteStore routes() {
        return routes;
    }

    public ClusterStore cluster() {
        return cluster;
    }

    public StateStore state() {
        return state;
    }

    public SettingsStore settings() {
        return settings;
    }

    public PluginStore plugins() {
        return plugins;
    }

    public TenantStore tenants() {
        return tenants;
    }

    public AuditStore audit() {
        return audit;
    }

    public ConversationStore conversations() {
        return conversations;
    }

    /** The MCP server's tool calls (their idempotency records). */
    public McpCallStore mcpCalls() {
        return mcpCalls;
    }

    public ContactStore contacts() {
        return contacts;
    }
}
