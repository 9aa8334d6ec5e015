"""Chart specifications for /static/js/charts.js (`<canvas data-chart="…">`)."""

import json

from ..selectors.figures import Matrix, Row


def bar_chart(rows: list[Row], *, label: str, horizontal: bool = False) -> str:
    options = {"plugins": {"legend": {"display": False}}}
    if horizontal:
        options["indexAxis"] = "y"
    return json.dumps(
        {
            "type": "bar",
            "labels": [row.label for row in rows],
            "datasets": [{"label": label, "data": [row.count for row in rows]}],
            "options": options,
        }
    )


def doughnut_chart(rows: list[Row], *, label: str) -> str:
    shown = [row for row in rows if row.count]
    return json.dumps(
        {
            "type": "doughnut",
            "labels": [row.label for row in shown],
            "datasets": [{"label": label, "data": [row.count for row in shown]}],
        }
    )


def stacked_chart(matrix: Matrix) -> str:
    """One bar per row of the matrix, stacked by its columns."""
    return json.dumps(
        {
            "type": "bar",
            "labels": [row.label for row in matrix.rows],
            "datasets": [
                {"label": column.label, "data": [cells[index] for cells in matrix.cells]}
                for index, column in enumerate(matrix.columns)
            ],
            "options": {"indexAxis": "y", "scales": {"x": {"stacked": True}, "y": {"stacked": True}}},
        }
    )
