package io.ponte.hub.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Every list answer: the items and, when there are more, the cursor of the next page. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ListResponse<T>(List<T> items, String nextCursor) {
}
