/**
 * The {@code salesforce} plugin: a Salesforce org through its REST API (OAuth 2.0 client-credentials or JWT bearer
 * flow), the CRM actions on Contact, Opportunity and Note, and changes polled by {@code SystemModstamp}.
 */
package io.ponte.plugins.salesforce;
