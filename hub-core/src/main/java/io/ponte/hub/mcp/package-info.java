/**
 * The hub as a Model Context Protocol server ({@code /mcp}, Streamable HTTP, on the official MCP Java SDK): an API
 * key's connections' actions as tools, its tenant's conversations as resources. The HTTP side (authentication, rate
 * limits, body caps) is the admin package's; nothing here imports Javalin.
 */
package io.ponte.hub.mcp;
