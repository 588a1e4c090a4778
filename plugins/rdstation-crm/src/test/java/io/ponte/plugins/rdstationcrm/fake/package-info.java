/** A local fake of RD Station CRM's API v1 for the plugin's tests and the distribution's end-to-end test. */
package io.ponte.plugins.rdstationcrm.fake;
