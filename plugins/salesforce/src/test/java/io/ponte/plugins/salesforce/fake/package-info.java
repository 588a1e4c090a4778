/** A local fake of a Salesforce org for the plugin's tests and the distribution's end-to-end test. */
package io.ponte.plugins.salesforce.fake;
