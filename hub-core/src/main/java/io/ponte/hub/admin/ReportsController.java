package io.ponte.hub.admin;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.ponte.hub.reports.PaymentReports;
import java.util.List;

/** {@code /api/v1/reports/...}: totals computed from the stored events, as JSON or CSV. */
final class ReportsController {

    private final PaymentReports payments;

    ReportsController(PaymentReports payments) {
        this.payments = payments;
    }

    void register(JavalinConfig config) {
        config.routes.get("/api/v1/reports/payments", this::payments);
    }

    private void payments(Context ctx) {
        String format = Requests.oneOf(ctx, "format", List.of("json", "csv"));
        if (format == null) {
            String accept = ctx.header("Accept");
            format = accept != null && accept.contains("text/csv") ? "csv" : "json";
        }
        PaymentReports.Report report = payments.payments(Access.tenantFilter(ctx), ctx.queryParam("from"),
                ctx.queryParam("to"));
        if (format.equals("csv")) {
            ctx.contentType("text/csv; charset=utf-8")
                    .header("Content-Disposition", "attachment; filename=\"payments-" + report.from() + "-"
                            + report.to() + ".csv\"")
                    .result(PaymentReports.csv(report));
        } else {
            ctx.json(report);
        }
    }
}
