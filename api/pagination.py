from rest_framework.pagination import PageNumberPagination


class StandardPagination(PageNumberPagination):
    """`{"count", "next", "previous", "results"}`; `?page_size=` up to 100."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100

    def get_paginated_response_schema(self, schema):
        """DRF's, with `next`/`previous` nullable as OpenAPI 3.1 says it (DRF writes 3.0's `nullable`)."""
        paginated = super().get_paginated_response_schema(schema)
        for link in ("next", "previous"):
            link_schema = paginated["properties"][link]
            link_schema.pop("nullable", None)
            link_schema["type"] = ["string", "null"]
        return paginated
