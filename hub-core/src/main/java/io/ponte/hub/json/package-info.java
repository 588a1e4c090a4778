/** The hub's JSON mapper: a leaf every feature may use. */
package io.ponte.hub.json;
