/** A local fake of Pipedrive's API and its webhook bodies, for the plugin's and the distribution's tests. */
package io.ponte.plugins.pipedrive.fake;
