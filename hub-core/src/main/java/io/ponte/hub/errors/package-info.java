/**
 * What a request can get wrong, as the services say it: {@link io.ponte.hub.errors.ValidationException} (fields
 * and why), {@link io.ponte.hub.errors.NotFoundException}, {@link io.ponte.hub.errors.ConflictException}. Services
 * of every feature throw them; the admin package maps them to problem documents, so no feature depends on HTTP.
 */
package io.ponte.hub.errors;
