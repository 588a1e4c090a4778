/**
 * Actions: named operations a connector offers ({@code message.send}, {@code contact.upsert}, ...), with JSON
 * input and a three-way outcome. Routes invoke them through the hub's outbox; the dispatcher acts on the
 * outcome: {@link io.ponte.api.action.ActionResult.Delivered} ends the delivery,
 * {@link io.ponte.api.action.ActionResult.Retry} schedules another attempt, {@link io.ponte.api.action.ActionResult.Failed}
 * dead-letters it at once.
 */
package io.ponte.api.action;
