/** Reports computed from the stored events: {@link io.ponte.hub.reports.PaymentReports}. */
package io.ponte.hub.reports;
