/** A local fake of HubSpot's CRM v3 API and webhook signing, for the plugin's tests and the distribution's. */
package io.ponte.plugins.hubspot.fake;
