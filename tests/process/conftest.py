from tests.voting.conftest import exercise_factory  # noqa: F401  (fixture shared with the voting tests)
