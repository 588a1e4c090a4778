/** A local stand-in for Shopee's Open Platform API v2 and its signed pushes, for this plugin's and the hub's tests. */
package io.ponte.plugins.shopee.fake;
